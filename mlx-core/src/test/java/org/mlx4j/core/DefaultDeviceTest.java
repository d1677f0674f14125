package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Mx#setDefaultDevice}: where new ops go, on every thread, and what it refuses. */
class DefaultDeviceTest {
    private Device before;

    @BeforeEach
    void remember() { before = Mx.defaultDevice(); }

    @AfterEach
    void restore() { Mx.setDefaultDevice(before); }

    @Test
    void theCpuAsDefaultSendsNewOpsToItsDefaultStreamOnEveryThread() throws Exception {
        Mx.setDefaultDevice(Device.cpu());
        assertThat(Mx.defaultDevice()).isSameAs(Device.cpu());
        assertThat(Mx.currentStream()).isSameAs(Mx.defaultStream(Device.cpu()));
        Array y = Mx.array(new float[] {1, 2}).add(1.0);
        assertThat(y.node().stream.device()).isSameAs(Device.cpu());
        assertThat(y.toFloatArray()).containsExactly(2, 3);
        Stream elsewhere = CompletableFuture.supplyAsync(Mx::currentStream).get();
        assertThat(elsewhere).isSameAs(Mx.defaultStream(Device.cpu()));
    }

    @Test
    void aScopedStreamTakesPrecedenceUntilClosed() {
        Mx.setDefaultDevice(Device.cpu());
        Stream s = Mx.newStream(Device.cpu());
        try (var scope = Mx.withStream(s)) {
            assertThat(Mx.currentStream()).isSameAs(s);
            assertThat(Mx.array(new float[] {1}).add(1.0).node().stream).isSameAs(s);
        }
        assertThat(Mx.currentStream()).isSameAs(Mx.defaultStream(Device.cpu()));
    }

    @Test
    void anUnavailableGpuIsRefusedAndTheDefaultIsKept() {
        assumeFalse(Device.gpu().isAvailable(), "a GPU backend is present");
        Device current = Mx.defaultDevice();
        assertThatThrownBy(() -> Mx.setDefaultDevice(Device.gpu())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setDefaultDevice").hasMessageContaining("gpu");
        assertThat(Mx.defaultDevice()).isSameAs(current);
    }

    @Test
    void nullIsRefusedNamingTheOp() {
        assertThatThrownBy(() -> Mx.setDefaultDevice(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("setDefaultDevice");
        assertThat(Mx.defaultDevice()).isSameAs(before);
    }
}
