package org.mlx4j.spring.boot;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.mlx4j.lm.generate.BatchGenerator;
import org.mlx4j.lm.generate.GenerationOptions;
import org.mlx4j.lm.generate.TextAssembler;
import org.mlx4j.lm.load.LoadedModel;
import org.mlx4j.lm.models.ModelConfig;
import org.mlx4j.lm.tokenizer.Tokenizer;
import org.mlx4j.reactive.LanguageModelFlux;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@link TextGenerationService} over mlx-lm's {@link LoadedModel}: with a {@link BatchGenerator}, every request is
 * a row of its continuous batch ({@link LanguageModelFlux#batched}: one forward per step for all rows; a row
 * whose client is {@value #BUFFER_BOUND} tokens behind pauses, so a slow client only slows itself); without one,
 * each request decodes on its own ({@link LanguageModelFlux#tokens}, one step ahead of demand). Behind an
 * {@link Admission} that reserves each request's KV cache (prompt plus max tokens) against the memory budget.
 * {@link #shutdown(Duration)} refuses new requests, lets running ones finish for the grace period, then cancels
 * the rest (their caches are closed).
 */
public final class LoadedModelGenerationService implements TextGenerationService {
    private final LoadedModel loaded;
    private final String modelId;
    private final Admission admission;
    private final GenerationMetrics metrics;
    private final Sinks.Empty<Void> stopAll = Sinks.empty();
    private final BatchGenerator batch;

    /** Undelivered tokens that pause a batched request. */
    public static final int BUFFER_BOUND = 4;

    /**
     * A service.
     *
     * @param loaded the model and tokenizer
     * @param modelId the id clients name it by
     * @param admission the admission controller
     * @param metrics the meters
     */
    public LoadedModelGenerationService(LoadedModel loaded, String modelId, Admission admission, GenerationMetrics metrics) {
        this(loaded, modelId, admission, metrics, null);
    }

    /**
     * A service over a continuous batch.
     *
     * @param loaded the model and tokenizer
     * @param modelId the id clients name it by
     * @param admission the admission controller
     * @param metrics the meters
     * @param batch the continuous batch over {@code loaded.model()}, or null to decode each request on its own
     */
    public LoadedModelGenerationService(LoadedModel loaded, String modelId, Admission admission, GenerationMetrics metrics,
            BatchGenerator batch) {
        this.batch = batch;
        this.loaded = loaded;
        this.modelId = modelId;
        this.admission = admission;
        this.metrics = metrics;
    }

    @Override public String modelId() { return modelId; }

    @Override public int contextLength() { return loaded.config().maxPositionEmbeddings(); }

    @Override
    public int[] encodeChat(List<Map<String, Object>> messages) {
        Tokenizer tokenizer = loaded.tokenizer();
        if (tokenizer.hasChatTemplate()) return tokenizer.encode(tokenizer.applyChatTemplate(messages, true), false);
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> m : messages) {
            if (!text.isEmpty()) text.append('\n');
            text.append(m.get("content"));
        }
        return tokenizer.encode(text.toString());
    }

    @Override public int[] encode(String text) { return loaded.tokenizer().encode(text); }

    /**
     * The KV-cache bytes a generation of {@code tokens} positions holds: keys and values of every layer, float32.
     *
     * @param tokens prompt plus generated tokens
     * @return the bytes
     */
    public long kvBytes(int tokens) {
        ModelConfig c = loaded.config();
        return 2L * c.numHiddenLayers() * c.numKeyValueHeads() * c.headDim() * Float.BYTES * tokens;
    }

    @Override
    public Flux<Token> generate(int[] prompt, GenerationOptions options, Consumer<FinishedGeneration> onFinish) {
        int[] ids = prompt.clone();
        return Flux.usingWhen(admission.admit(kvBytes(ids.length + options.maxTokens())),
                        permit -> decode(ids, options, onFinish),
                        permit -> Mono.fromRunnable(permit::release))
                .doOnError(Overloaded.class, e -> metrics.rejected());
    }

    private Flux<Token> decode(int[] prompt, GenerationOptions options, Consumer<FinishedGeneration> onFinish) {
        return Flux.defer(() -> {
            long start = System.nanoTime();
            TextAssembler text = new TextAssembler(loaded.tokenizer(), options.stopStrings());
            int[] count = {0};
            AtomicBoolean done = new AtomicBoolean();
            Flux<Integer> ids = batch != null
                    ? LanguageModelFlux.batched(batch, prompt, options, loaded.eosTokenIds(), BUFFER_BOUND)
                    : LanguageModelFlux.tokens(loaded.model(), prompt, options, loaded.eosTokenIds());
            Flux<Token> tokens = ids
                    .handle((Integer id, reactor.core.publisher.SynchronousSink<Token> sink) -> {
                        if (count[0]++ == 0) metrics.firstToken(System.nanoTime() - start);
                        metrics.token();
                        sink.next(new Token(id, text.add(id)));
                        if (text.stopped()) sink.complete();
                    });
            Mono<Token> tail = Mono.fromCallable(text::finish).filter(s -> !s.isEmpty()).map(s -> new Token(-1, s));
            return tokens.concatWith(tail)
                    .doOnComplete(() -> {
                        done.set(true);
                        metrics.finished(count[0], System.nanoTime() - start);
                        boolean length = !text.stopped() && count[0] >= options.maxTokens();
                        onFinish.accept(new FinishedGeneration(prompt.length, count[0], length ? "length" : "stop"));
                    })
                    .doOnCancel(metrics::cancelled)
                    .takeUntilOther(stopAll.asMono());
        });
    }

    /**
     * The admission controller.
     *
     * @return the admission controller
     */
    public Admission admission() { return admission; }

    /**
     * Refuses new requests (503), waits up to {@code grace} for running generations to finish, then cancels the
     * rest, which closes their caches.
     *
     * @param grace how long running generations may continue
     */
    public void shutdown(Duration grace) {
        admission.close();
        long deadline = System.nanoTime() + grace.toNanos();
        while (admission.active() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stopAll.tryEmitEmpty();
    }
}
