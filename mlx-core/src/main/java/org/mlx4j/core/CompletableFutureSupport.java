package org.mlx4j.core;

import java.util.concurrent.CompletableFuture;

final class CompletableFutureSupport {
    private CompletableFutureSupport() {}

    /** Waits for {@code f} if there is one, ignoring its outcome. */
    static void awaitQuietly(CompletableFuture<Void> f) {
        if (f == null) return;
        try {
            f.join();
        } catch (RuntimeException ignored) {
            // the failure belongs to whoever evaluates the array
        }
    }
}
