package org.mlx4j.metal;

import static org.assertj.core.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.mlx4j.core.Device;

class MetalPlatformTest {
    @Test
    void explainsWhyMetalIsUnavailable() {
        assertThat(MetalPlatform.unavailableReason("Linux", "amd64", false)).contains("macOS").contains("Linux");
        assertThat(MetalPlatform.unavailableReason("Mac OS X", "x86_64", true)).contains("Apple silicon");
        assertThat(MetalPlatform.unavailableReason("Mac OS X", "aarch64", false)).contains("Metal.framework");
        assertThat(MetalPlatform.unavailableReason("Mac OS X", "aarch64", true)).isNull();
    }

    @Test
    void onThisMachineTheCpuRemainsTheDefaultDevice() {
        if (!MetalPlatform.isAvailable()) {
            assertThat(Device.gpu().isAvailable()).isFalse();
            assertThat(org.mlx4j.core.Mx.defaultDevice()).isEqualTo(Device.cpu());
        }
    }
}
