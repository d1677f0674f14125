package org.mlx4j.spring.boot.autoconfigure;

import org.mlx4j.core.Device;
import org.mlx4j.core.Memory;
import org.mlx4j.spring.boot.TextGenerationService;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator health: UP while the model is loaded and mlx-core's active memory leaves at least 5% of its limit
 * free; details: the model id, the device, active memory, limit and headroom.
 */
public final class Mlx4jHealthIndicator implements HealthIndicator {
    private final TextGenerationService generator;
    private final Device device;

    /**
     * The indicator of one generation model.
     *
     * @param generator the loaded generation model
     * @param device the device the models run on
     */
    public Mlx4jHealthIndicator(TextGenerationService generator, Device device) {
        this.generator = generator;
        this.device = device;
    }

    @Override
    public Health health() {
        long active = Memory.activeMemory(), limit = Memory.memoryLimit();
        long headroom = limit - active;
        Health.Builder builder = headroom >= limit / 20 ? Health.up() : Health.down();
        return builder.withDetail("model", generator.modelId()).withDetail("device", device.toString()).withDetail("activeMemory", active)
                .withDetail("memoryLimit", limit).withDetail("headroom", headroom).build();
    }
}
