package org.mlx4j.spring.boot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.mlx4j.core.Memory;

/**
 * The generator's Micrometer meters: {@code mlx4j.generation.tokens} (counter; its rate is tokens/s),
 * {@code mlx4j.generation.tokens.per.second} (per request), {@code mlx4j.generation.time.to.first.token},
 * {@code mlx4j.generation.active} and {@code mlx4j.generation.queue.depth}, {@code mlx4j.generation.cancelled},
 * {@code mlx4j.generation.rejected}, and mlx-core's memory: {@code mlx4j.memory.active}, {@code .peak},
 * {@code .cache} (bytes).
 */
public final class GenerationMetrics {
    private final Counter tokens;
    private final DistributionSummary tokensPerSecond;
    private final Timer timeToFirstToken;
    private final Counter cancelled;
    private final Counter rejected;

    /**
     * Registers the meters.
     *
     * @param registry where
     * @param admission the admission controller whose active and waiting counts are gauged
     */
    public GenerationMetrics(MeterRegistry registry, Admission admission) {
        tokens = Counter.builder("mlx4j.generation.tokens").description("generated tokens").register(registry);
        tokensPerSecond = DistributionSummary.builder("mlx4j.generation.tokens.per.second")
                .description("decode speed of each request").register(registry);
        timeToFirstToken = Timer.builder("mlx4j.generation.time.to.first.token").publishPercentiles(0.5, 0.99)
                .register(registry);
        cancelled = Counter.builder("mlx4j.generation.cancelled").description("requests cancelled").register(registry);
        rejected = Counter.builder("mlx4j.generation.rejected").description("requests refused (429/503)").register(registry);
        Gauge.builder("mlx4j.generation.active", admission, Admission::active).register(registry);
        Gauge.builder("mlx4j.generation.queue.depth", admission, Admission::queued).register(registry);
        Gauge.builder("mlx4j.memory.active", Memory::activeMemory).baseUnit("bytes").register(registry);
        Gauge.builder("mlx4j.memory.peak", Memory::peakMemory).baseUnit("bytes").register(registry);
        Gauge.builder("mlx4j.memory.cache", Memory::cacheMemory).baseUnit("bytes").register(registry);
    }

    void token() { tokens.increment(); }

    void firstToken(long nanosSinceStart) { timeToFirstToken.record(Duration.ofNanos(nanosSinceStart)); }

    void finished(int generated, long nanosSinceStart) {
        if (generated > 0 && nanosSinceStart > 0) tokensPerSecond.record(generated * 1e9 / nanosSinceStart);
    }

    void cancelled() { cancelled.increment(); }

    void rejected() { rejected.increment(); }
}
