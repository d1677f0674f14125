package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** deviceCount, deviceInfo, setDefaultStream, thread defaults, thread-local streams and clearStreams. */
@Isolated("changes the process-wide default stream for a while")
class DevicesStreamsTest {

    @Test
    void devicesAreCountedAndDescribed() {
        assertThat(Mx.deviceCount(Device.Type.CPU)).isEqualTo(1);
        assertThat(Mx.deviceCount(Device.Type.GPU)).isEqualTo(Device.gpu().isAvailable() ? 1 : 0);
        Map<String, Object> info = Mx.deviceInfo(Device.cpu());
        assertThat(info.keySet()).containsExactly("device_name", "architecture", "memory_size", "num_cpus");
        assertThat(info.get("architecture")).isEqualTo(System.getProperty("os.arch"));
        assertThat((Long) info.get("memory_size")).isGreaterThan(Runtime.getRuntime().maxMemory() / 2);
        assertThat(info.get("num_cpus")).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat((String) info.get("device_name")).isNotBlank();
        if (!Device.gpu().isAvailable()) {
            assertThatThrownBy(() -> Mx.deviceInfo(Device.gpu())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("deviceInfo: Device(gpu, 0) is not available");
        }
    }

    @Test
    void setDefaultStreamRoutesEveryThreadsOps() throws Exception {
        Stream before = Mx.defaultStream(Device.cpu());
        Stream s = Mx.newStream(Device.cpu());
        Mx.setDefaultStream(s);
        try {
            assertThat(Mx.defaultStream(Device.cpu())).isSameAs(s);
            Array onOther = CompletableFuture.supplyAsync(() -> Mx.add(Mx.ones(2), 1.0)).get();
            assertThat(onOther.node().stream).isSameAs(s);
            assertThat(onOther.toFloatArray()).containsExactly(2f, 2f);
        } finally {
            Mx.setDefaultStream(before);
        }
        assertThat(Mx.add(Mx.ones(2), 1.0).node().stream).isSameAs(before);
    }

    @Test
    void threadLocalStreamsAreEachThreadsOwnUntilCleared() throws Exception {
        Stream processDefault = Mx.currentStream();
        Stream[] mine = new Stream[2];
        Array[] results = new Array[2];
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int k = t;
            threads[t] = Thread.ofPlatform().start(() -> {
                mine[k] = Mx.threadLocalStream(Device.cpu());
                assertThat(Mx.threadLocalStream(Device.cpu())).isSameAs(mine[k]);
                results[k] = Mx.multiply(Mx.full(new int[] {3}, k + 1, DType.FLOAT32), 2.0);
                results[k].toFloatArray();
                Mx.clearStreams(); // a thread that made its own streams ends them before it ends
            });
        }
        for (Thread t : threads) t.join();
        assertThat(mine[0]).isNotSameAs(mine[1]);
        assertThat(results[0].node().stream).isSameAs(mine[0]);
        assertThat(results[1].node().stream).isSameAs(mine[1]);
        assertThat(results[1].toFloatArray()).containsExactly(4f, 4f, 4f);
        assertThat(Mx.currentStream()).as("other threads keep the process default").isSameAs(processDefault);

        Stream own = Mx.threadLocalStream(Device.cpu());
        Stream chosen = Mx.newStream(Device.cpu());
        assertThat(Mx.add(Mx.ones(1), 1.0).node().stream).isSameAs(own);
        Mx.setThreadDefaultStream(chosen);
        assertThat(Mx.currentStream()).isSameAs(chosen);
        Stream scoped = Mx.newStream(Device.cpu());
        try (var s = Mx.withStream(scoped)) {
            assertThat(Mx.currentStream()).as("a scope wins over the thread default").isSameAs(scoped);
        }
        Array pending = Mx.exp(Mx.zeros(4));
        try (var s = Mx.withStream(own)) {
            pending = Mx.add(pending, 1.0);
        }
        Mx.clearStreams();
        assertThat(Mx.currentStream()).isSameAs(processDefault);
        assertThat(Mx.threadLocalStream(Device.cpu())).as("a new one after clearing").isNotSameAs(own);
        Mx.clearStreams();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (own.queue().hasThread() && System.nanoTime() < deadline) Thread.sleep(1);
        assertThat(own.queue().hasThread()).as("the cleared stream's thread ended").isFalse();
        // work built on the cleared stream still runs (a thread starts again when it gets work)
        assertThat(pending.toFloatArray()).containsExactly(2f, 2f, 2f, 2f);
        try (var s = Mx.withStream(own)) {
            assertThat(Mx.add(Mx.ones(2), 2.0).toFloatArray()).containsExactly(3f, 3f);
        }
    }
}
