package org.mlx4j.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Device;
import org.mlx4j.core.Mx;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class Mlx4jRuntimeTest {
    private final Device before = Mx.defaultDevice();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Mlx4jAutoConfiguration.class))
            .withPropertyValues("mlx4j.model=../models/kjv-llama", "mlx4j.embedding-model=none", "mlx4j.max-batch=0");

    @AfterEach
    void restoreDefaultDevice() { Mx.setDefaultDevice(before); }

    @Test
    void cpuMakesTheCpuTheDefaultDeviceBeforeTheModelLoads() {
        runner.withPropertyValues("mlx4j.device=cpu").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Mlx4jRuntime.class).device()).isEqualTo(Device.cpu());
            assertThat(Mx.defaultDevice()).isEqualTo(Device.cpu());
            assertThat(context.getBean(Mlx4jHealthIndicator.class).health().getDetails())
                    .containsEntry("device", "Device(cpu, 0)");
        });
    }

    @Test
    void autoIsMlxCoresOwnDefault() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Mlx4jProperties.class).device()).isEqualTo(Mlx4jProperties.DeviceChoice.AUTO);
            assertThat(context.getBean(Mlx4jRuntime.class).device()).isEqualTo(before);
        });
    }

    @Test
    void gpuWithoutAGpuBackendFailsStartupNamingThePropertyAndTheValidValues() {
        assumeFalse(Device.gpu().isAvailable(), "a GPU backend is available here");
        runner.withPropertyValues("mlx4j.device=gpu").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("mlx4j.device=gpu").hasMessageContaining("auto, cpu, gpu");
        });
    }

    @Test
    void anUnknownDeviceFailsBinding() {
        runner.withPropertyValues("mlx4j.device=tpu").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("mlx4j.device");
        });
    }
}
