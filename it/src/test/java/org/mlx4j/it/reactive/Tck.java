package org.mlx4j.it.reactive;

import org.reactivestreams.tck.TestEnvironment;
import reactor.core.publisher.Flux;

/** Shared settings of the reactive-streams TCK runs. */
final class Tck {
    private Tck() {}

    /** Signals are awaited up to 2 s (graph evaluation on a shared 2-core machine); silence is checked for 150 ms. */
    static TestEnvironment environment() {
        BlockHoundSupport.install(); // the TCK runs under BlockHound too
        return new TestEnvironment(2000, 150);
    }

    static final long GC_TIMEOUT_MILLIS = 1000;

    /** 0, 1, ..., n-1 for any long n, lazily. */
    static Flux<Long> longs(long n) {
        return Flux.generate(() -> 0L, (i, sink) -> {
            if (i >= n) sink.complete();
            else sink.next(i);
            return i + 1;
        });
    }
}
