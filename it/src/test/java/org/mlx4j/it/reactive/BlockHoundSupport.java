package org.mlx4j.it.reactive;

import java.util.concurrent.atomic.AtomicBoolean;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once per JVM: from then on, a blocking call on one of Reactor's non-blocking
 * threads ({@code Schedulers.parallel()}, {@code single()}) throws {@code BlockingOperationError}.
 */
final class BlockHoundSupport {
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private BlockHoundSupport() {}

    static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            BlockHound.install(); // with the integrations found on the classpath, Reactor's among them
        }
    }
}
