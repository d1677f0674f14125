package org.mlx4j.service.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mlx4j.core.Memory;
import org.mlx4j.service.ServiceApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The service under load, on loopback: starts it in this JVM, runs each prompt once with a single client (the
 * reference texts and the single-client figures), then {@code clients} concurrent streaming clients for
 * {@code seconds}, a third of them disconnecting at a random token, plus a burst of invalid requests. Checks that
 * every client that stays receives exactly its reference text, that no response is a 5xx, and that mlx-core's
 * active memory returns to its baseline; prints time to first token (p50/p99) and aggregate tokens/s for both runs.
 *
 * <p>Usage: {@code LoadProgram [clients=256] [seconds=60] [maxTokens=32]}.
 */
public final class LoadProgram {
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROMPTS = List.of("And the LORD said", "In the beginning", "Blessed are the",
            "And it came to pass", "Thus saith the LORD", "The heavens declare", "And Jesus answered", "Hear, O Israel");
    private static final int SEEDS = 4;

    private record Run(String text, int tokens, long ttftNanos) {}

    private LoadProgram() {}

    /**
     * Runs the load.
     *
     * @param args clients, seconds, max tokens
     * @throws Exception if the service fails to start
     */
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int maxTokens = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        ConfigurableApplicationContext app = SpringApplication.run(ServiceApplication.class, "--server.port=0",
                "--logging.level.root=WARN", "--mlx4j.max-queue=" + (2 * clients));
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        ConnectionProvider pool = ConnectionProvider.builder("load").maxConnections(2 * clients + 64)
                .pendingAcquireMaxCount(-1).build();
        WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool))).build();

        // warm-up (JIT), then a single client: the reference text of every (prompt, seed), one after another
        for (int p = 0; p < PROMPTS.size(); p++) stream(client, p, 0, maxTokens, Integer.MAX_VALUE).block();
        Map<String, String> reference = new ConcurrentHashMap<>();
        List<Long> singleTtft = new ArrayList<>();
        long singleTokens = 0, singleStart = System.nanoTime();
        for (int p = 0; p < PROMPTS.size(); p++)
            for (int s = 0; s < SEEDS; s++) {
                Run run = stream(client, p, s, maxTokens, Integer.MAX_VALUE).block();
                reference.put(p + "/" + s, run.text());
                singleTtft.add(run.ttftNanos());
                singleTokens += run.tokens();
            }
        double singleSeconds = (System.nanoTime() - singleStart) / 1e9;
        Memory.reclaim(); // arrays dropped to the garbage collector (mlx-core/README.md "Memory")
        Memory.clearCache();
        long baseline = Memory.activeMemory();

        // the load
        AtomicInteger completed = new AtomicInteger(), mismatched = new AtomicInteger(), disconnected = new AtomicInteger();
        AtomicInteger serverErrors = new AtomicInteger(), refused = new AtomicInteger(), invalidOk = new AtomicInteger();
        AtomicLong tokens = new AtomicLong();
        List<Long> ttft = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long loadStart = System.nanoTime();
        List<Mono<Void>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Random random = new Random(c);
            boolean leaves = c % 3 == 0;
            workers.add(Flux.defer(() -> Mono.just(0)).repeat(() -> System.nanoTime() < end).concatMap(x -> {
                int p = random.nextInt(PROMPTS.size()), s = random.nextInt(SEEDS);
                int cut = leaves ? 1 + random.nextInt(maxTokens) : Integer.MAX_VALUE;
                return stream(client, p, s, maxTokens, cut).doOnNext(run -> {
                    tokens.addAndGet(run.tokens());
                    if (run.ttftNanos() > 0) ttft.add(run.ttftNanos());
                    if (leaves) disconnected.incrementAndGet();
                    else if (run.text().equals(reference.get(p + "/" + s))) completed.incrementAndGet();
                    else mismatched.incrementAndGet();
                }).onErrorResume(WebClientResponseException.class, e -> {
                    if (e.getStatusCode().is5xxServerError() && e.getStatusCode().value() != 503) serverErrors.incrementAndGet();
                    else refused.incrementAndGet();
                    return Mono.delay(Duration.ofSeconds(1)).then(Mono.empty());
                });
            }).then());
        }
        // a burst of invalid requests in the middle of the load
        Mono<Void> invalid = Mono.delay(Duration.ofSeconds(Math.max(1, seconds / 3))).thenMany(Flux.range(0, 200)).flatMap(i ->
                client.post().uri("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(i % 2 == 0 ? "{\"model\": \"kjv-llama\", \"messages\": [" : "{\"model\": \"kjv-llama\", \"messages\": [], \"max_tokens\": -1}")
                        .exchangeToMono(r -> {
                            if (r.statusCode().is4xxClientError()) invalidOk.incrementAndGet();
                            else if (r.statusCode().is5xxServerError()) serverErrors.incrementAndGet();
                            return r.releaseBody();
                        }), 32).then();
        Flux.merge(workers).mergeWith(invalid).blockLast();
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Memory.reclaim();
            Memory.clearCache();
            if (Memory.activeMemory() <= baseline) break;
            Thread.sleep(100);
        }
        long after = Memory.activeMemory();

        System.out.printf("single client: %d requests, %d tokens in %.1f s: %.1f tokens/s, time to first token p50 %.1f ms, p99 %.1f ms%n",
                PROMPTS.size() * SEEDS, singleTokens, singleSeconds, singleTokens / singleSeconds,
                percentile(singleTtft, 0.5), percentile(singleTtft, 0.99));
        System.out.printf("%d clients for %d s: %d tokens in %.1f s: %.1f tokens/s, time to first token p50 %.1f ms, p99 %.1f ms%n",
                clients, seconds, tokens.get(), loadSeconds, tokens.get() / loadSeconds, percentile(ttft, 0.5), percentile(ttft, 0.99));
        System.out.printf("completed %d (mismatched %d), disconnected %d, refused 429/503 %d, invalid requests answered 4xx %d/200, 5xx %d%n",
                completed.get(), mismatched.get(), disconnected.get(), refused.get(), invalidOk.get(), serverErrors.get());
        System.out.printf("mlx-core active memory: %d bytes before the load, %d after%n", baseline, after);
        boolean ok = mismatched.get() == 0 && serverErrors.get() == 0 && invalidOk.get() == 200 && after <= baseline && completed.get() > 0;
        System.out.println(ok ? "PASS" : "FAIL");
        app.close();
        pool.dispose();
        System.exit(ok ? 0 : 1);
    }

    private static Mono<Run> stream(WebClient client, int prompt, int seed, int maxTokens, int cut) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            long[] first = {0};
            AtomicInteger count = new AtomicInteger();
            StringBuilder text = new StringBuilder();
            Map<String, Object> body = Map.of("model", "kjv-llama", "prompt", PROMPTS.get(prompt), "max_tokens", maxTokens,
                    "temperature", 0.8, "seed", seed, "stream", true);
            return client.post().uri("/v1/completions").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .retrieve().bodyToFlux(SSE).map(ServerSentEvent::data)
                    .takeWhile(d -> !"[DONE]".equals(d))
                    .map(LoadProgram::parse)
                    .filter(chunk -> chunk.get("choices").get(0).get("finish_reason").isNull())
                    .take(cut)
                    .doOnNext(chunk -> {
                        if (count.getAndIncrement() == 0) first[0] = System.nanoTime() - start;
                        text.append(chunk.get("choices").get(0).get("text").asText());
                    })
                    .then(Mono.fromSupplier(() -> new Run(text.toString(), count.get(), first[0])));
        });
    }

    private static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double percentile(List<Long> nanos, double q) {
        if (nanos.isEmpty()) return Double.NaN;
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 1e6;
    }
}
