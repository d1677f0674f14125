package org.mlx4j.reactive;

import java.util.List;
import java.util.Set;
import org.mlx4j.core.Array;
import org.mlx4j.lm.cache.KVCache;
import org.mlx4j.lm.generate.BatchGenerator;
import org.mlx4j.lm.generate.BatchRequest;
import org.mlx4j.lm.generate.DecodeStep;
import org.mlx4j.lm.generate.GenerationOptions;
import org.mlx4j.lm.generate.TextAssembler;
import org.mlx4j.lm.load.LoadedModel;
import org.mlx4j.lm.models.LanguageModel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * A language model's continuation as a {@link Flux}, decoded by {@link Generation}: the prompt is prefilled in the
 * initial state, each step feeds the last token and samples the next ({@link DecodeStep}), one step ahead of the
 * token being delivered and never more than one beyond demand; a cancel (or the end) closes the KV caches. Each
 * subscription generates afresh. Python mlx-lm: {@code stream_generate} as a publisher.
 *
 * <pre>{@code
 * import org.mlx4j.lm.generate.GenerationOptions;
 * import org.mlx4j.lm.models.*;
 *
 * LanguageModel model = new Llama(ModelConfig.llama(64, 32, 1, 4, 2, 64));
 * Flux<Integer> ids = LanguageModelFlux.tokens(model, new int[] {1, 2, 3}, GenerationOptions.defaults().withMaxTokens(8), Set.of());
 * List<Integer> got = ids.collectList().block();
 * assert got.size() == 8;
 * }</pre>
 */
public final class LanguageModelFlux {
    /** The decoding state: the token the next step delivers and the caches it continues. */
    private record DecodeState(Array token, List<KVCache> cache) {}

    private LanguageModelFlux() {}

    /**
     * The generated token ids: at most {@code options.maxTokens()}, ending before an id of {@code eosTokenIds}
     * (unless {@code options.ignoreEos()}).
     *
     * @param model the model
     * @param prompt the prompt ids (at least one)
     * @param options sampling, cache kind and max tokens (stop strings need text: see {@link #text})
     * @param eosTokenIds the ids that end the generation
     * @return a cold flux of ids
     */
    public static Flux<Integer> tokens(LanguageModel model, int[] prompt, GenerationOptions options, Set<Integer> eosTokenIds) {
        int[] ids = prompt.clone();
        return Flux.defer(() -> {
            if (options.maxTokens() == 0) return Flux.<Integer>empty();
            DecodeStep decode = new DecodeStep(model, options);
            Generation<DecodeState, Array> generation = Generation.of(
                    () -> new DecodeState(decode.prefill(ids, false), decode.cache()),
                    s -> Step.of(s.token(), new DecodeState(decode.step(s.token()), s.cache())));
            Flux<Integer> out = generation.maxSteps(options.maxTokens()).flux(Array::intValue);
            return options.ignoreEos() ? out : out.takeWhile(id -> !eosTokenIds.contains(id));
        });
    }

    /**
     * The generated text, in pieces as they decode (never half a character, never the start of a stop string that
     * may complete), ending at an end-of-sequence id, a stop string (not included) or {@code options.maxTokens()}.
     *
     * @param loaded the model, its tokenizer and its end-of-sequence ids
     * @param prompt the prompt ids
     * @param options sampling, stop strings, cache kind and max tokens
     * @return a cold flux of text pieces
     * @throws IllegalStateException if the model has no tokenizer
     */
    public static Flux<String> text(LoadedModel loaded, int[] prompt, GenerationOptions options) {
        var tokenizer = loaded.tokenizer();
        return Flux.defer(() -> {
            TextAssembler text = new TextAssembler(tokenizer, options.stopStrings());
            Flux<String> pieces = tokens(loaded.model(), prompt, options, loaded.eosTokenIds()).handle((id, sink) -> {
                String piece = text.add(id);
                if (!piece.isEmpty()) sink.next(piece);
                if (text.stopped()) sink.complete();
            });
            return pieces.concatWith(Mono.fromCallable(text::finish).filter(s -> !s.isEmpty()));
        });
    }

    /**
     * One sequence of a continuously batched {@link BatchGenerator}, as a flux: its ids are delivered as demand
     * allows; while the subscriber is {@code bufferBound} ids behind, the sequence pauses (the others keep stepping);
     * a cancel takes it out of the batch and frees its cache. Each subscription submits a new sequence.
     *
     * @param generator the batch it joins
     * @param prompt the prompt ids
     * @param options sampling and max tokens
     * @param eosTokenIds ids that end the sequence (not delivered)
     * @param bufferBound undelivered ids that pause the sequence, at least 1
     * @return a cold flux of ids
     */
    public static Flux<Integer> batched(BatchGenerator generator, int[] prompt, GenerationOptions options, Set<Integer> eosTokenIds,
            int bufferBound) {
        int[] ids = prompt.clone();
        return Flux.create(sink -> {
            BatchRequest request = generator.submit(ids, options, eosTokenIds, bufferBound);
            Object lock = new Object();
            Runnable drain = () -> drain(request, sink, lock);
            sink.onRequest(n -> drain.run());
            sink.onCancel(request::cancel);
            request.onSignal(drain);
        }, FluxSink.OverflowStrategy.ERROR);
    }

    /** Delivers buffered ids while there is demand; completes once the request has ended and its buffer is empty. */
    private static void drain(BatchRequest request, FluxSink<Integer> sink, Object lock) {
        synchronized (lock) {
            while (sink.requestedFromDownstream() > 0 && !sink.isCancelled()) {
                Integer id = request.poll();
                if (id == null) break;
                sink.next(id);
            }
            if (request.isDone() && request.buffered() == 0) {
                if (request.error() != null) sink.error(request.error());
                else sink.complete();
            }
        }
    }
}
