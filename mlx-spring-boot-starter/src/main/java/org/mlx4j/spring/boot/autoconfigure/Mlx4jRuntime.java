package org.mlx4j.spring.boot.autoconfigure;

import org.mlx4j.core.Device;
import org.mlx4j.core.Memory;
import org.mlx4j.core.Mx;

/**
 * mlx-core's process-wide settings from {@code mlx4j.*}, applied before any model loads: the default device
 * ({@code mlx4j.device}) and the allocator's memory and cache limits.
 *
 * @param device the device ops now go to by default
 */
public record Mlx4jRuntime(Device device) {
    /**
     * Applies {@code mlx4j.device}, {@code mlx4j.memory-limit} and {@code mlx4j.cache-limit}.
     *
     * @param properties the properties
     * @return the settings in force
     * @throws IllegalStateException if {@code mlx4j.device=gpu} and no GPU backend is available
     */
    public static Mlx4jRuntime apply(Mlx4jProperties properties) {
        Device device = switch (properties.device()) {
            case AUTO -> Mx.defaultDevice();
            case CPU -> Device.cpu();
            case GPU -> {
                if (!Device.gpu().isAvailable()) {
                    throw new IllegalStateException("mlx4j.device=gpu: no GPU backend is available on this machine"
                            + " (valid values: auto, cpu, gpu; auto falls back to the CPU)");
                }
                yield Device.gpu();
            }
        };
        Mx.setDefaultDevice(device);
        if (properties.memoryLimit() > 0) Memory.setMemoryLimit(properties.memoryLimit());
        if (properties.cacheLimit() > 0) Memory.setCacheLimit(properties.cacheLimit());
        return new Mlx4jRuntime(device);
    }
}
