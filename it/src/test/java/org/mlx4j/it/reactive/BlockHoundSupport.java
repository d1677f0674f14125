package org.mlx4j.it.reactive;

import java.util.concurrent.atomic.AtomicBoolean;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once per JVM: from then on, a blocking call on one of Reactor's non-blocking
 * threads ({@code Schedulers.parallel()}, {@code single()}) or on an mlx4j stream thread throws
 * {@code BlockingOperationError}. The reactive-streams TCK's own subscribers record signals in bounded
 * blocking queues (a short lock, never a wait for space in these tests); those are allowed, so that a TCK
 * run under BlockHound judges the publisher, not the probe.
 */
final class BlockHoundSupport {
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private BlockHoundSupport() {}

    static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            // with the integrations found on the classpath, Reactor's and mlx4j's among them
            BlockHound.install(b -> b
                    .allowBlockingCallsInside("org.reactivestreams.tck.TestEnvironment$Receptacle", "add")
                    .allowBlockingCallsInside("org.reactivestreams.tck.TestEnvironment$Receptacle", "complete")
                    .allowBlockingCallsInside("org.reactivestreams.tck.TestEnvironment$Promise", "complete"));
        }
    }
}
