package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A blocking evaluation on a stream's own thread whose graph needs that stream would wait for itself
 * forever (the work queues behind the waiting task): it throws a clear error naming the stream instead.
 */
class OwnStreamEvalTest {
    /** Runs {@code body} as a task on {@code stream}'s thread; the result or its error, within 10 s. */
    private static <T> CompletableFuture<T> onStreamThread(Stream stream, Supplier<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        stream.executor().execute(() -> {
            try {
                f.complete(body.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.orTimeout(10, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> f) {
        return f.handle((v, t) -> t).join();
    }

    @Test
    void evalOfAGraphOnTheCallingStreamThrowsNamingTheStream() {
        Stream s = Mx.newStream(Device.cpu());
        Array x = Mx.array(new float[] {1, 2, 3});
        Throwable t = failure(onStreamThread(s, () -> {
            Array y;
            try (var scope = Mx.withStream(s)) {
                y = x.multiply(2).add(1);
            }
            Mx.eval(y);
            return y;
        }));
        assertThat(t).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Mx.eval").hasMessageContaining(s.toString()).hasMessageContaining("asyncEval");
    }

    @Test
    void anImplicitReadOfAPendingArrayOnItsOwnStreamThrowsToo() {
        Stream s = Mx.newStream(Device.cpu());
        Array y;
        try (var scope = Mx.withStream(s)) {
            y = Mx.array(new float[] {4, 5}).sum();
        }
        Throwable t = failure(onStreamThread(s, y::floatValue));
        assertThat(t).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("floatValue").hasMessageContaining(s.toString());
        assertThat(y.floatValue()).as("evaluates normally off the stream's thread").isEqualTo(9f);
    }

    @Test
    void workOnAnotherStreamAndAvailableArraysAreFineOnAStreamThread() {
        Stream mine = Mx.newStream(Device.cpu());
        Stream other = Mx.newStream(Device.cpu());
        Array ready = Mx.array(new float[] {1, 2}).sum().eval();
        Array elsewhere;
        try (var scope = Mx.withStream(other)) {
            elsewhere = Mx.array(new float[] {3, 4}).multiply(2).sum();
        }
        assertThat(onStreamThread(mine, () -> {
            Mx.eval(elsewhere);
            return ready.floatValue() + elsewhere.floatValue();
        }).join()).isEqualTo(3f + 14f);
    }

    @Test
    void asyncEvalOnTheCallingStreamIsAllowed() {
        Stream s = Mx.newStream(Device.cpu());
        CompletableFuture<Void> inner = onStreamThread(s, () -> {
            try (var scope = Mx.withStream(s)) {
                return Mx.asyncEval(Mx.array(new float[] {1}).add(1));
            }
        }).thenCompose(f -> f);
        assertThat(failure(inner)).isNull();
    }
}
