package org.mlx4j.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.mlx4j.core.Memory;
import org.mlx4j.lm.load.LoadedModel;
import org.mlx4j.lm.embed.Embedder;
import org.mlx4j.lm.generate.BatchGenerator;
import org.mlx4j.spring.boot.Admission;
import org.mlx4j.spring.boot.EmbedderService;
import org.mlx4j.spring.boot.EmbeddingService;
import org.mlx4j.spring.boot.GenerationMetrics;
import org.mlx4j.spring.boot.LoadedModelGenerationService;
import org.mlx4j.spring.boot.TextGenerationService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration from the {@code mlx4j.*} properties ({@link Mlx4jProperties}): mlx-core's device, memory and
 * cache limits ({@link Mlx4jRuntime}), the generation model ({@link TextGenerationService}), the embedding model ({@link EmbeddingService}), its {@link Admission} control and Micrometer
 * meters, an Actuator health indicator, and a graceful shutdown that refuses new requests, lets running ones
 * finish for {@code mlx4j.shutdown-grace}, then cancels the rest.
 */
@AutoConfiguration
@EnableConfigurationProperties(Mlx4jProperties.class)
public class Mlx4jAutoConfiguration {
    /** Creates the configuration. */
    public Mlx4jAutoConfiguration() {}

    /**
     * mlx-core's default device and memory limits, applied before any model loads.
     *
     * @param properties the properties
     * @return the settings in force
     */
    @Bean
    @ConditionalOnMissingBean
    public Mlx4jRuntime mlx4jRuntime(Mlx4jProperties properties) {
        return Mlx4jRuntime.apply(properties);
    }

    /**
     * The generation model, loaded from {@code mlx4j.model} on the configured device.
     *
     * @param properties the properties
     * @param runtime the device and memory settings, applied first
     * @return the model
     */
    @Bean
    @ConditionalOnMissingBean
    public LoadedModel mlx4jLoadedModel(Mlx4jProperties properties, Mlx4jRuntime runtime) {
        return LoadedModel.load(properties.model());
    }

    /**
     * Admission control with the configured concurrency, queue and KV-cache budget.
     *
     * @param properties the properties
     * @param model the loaded model (loaded first, so that the headroom is measured after its weights)
     * @return the admission controller
     */
    @Bean
    @ConditionalOnMissingBean
    public Admission mlx4jAdmission(Mlx4jProperties properties, LoadedModel model) {
        long budget = properties.kvMemoryBudget() > 0 ? properties.kvMemoryBudget()
                : Math.max(1, (Memory.memoryLimit() - Memory.activeMemory()) / 2);
        return new Admission(properties.maxConcurrency(), properties.maxQueue(), budget,
                (int) Math.max(1, properties.retryAfter().toSeconds()));
    }

    /**
     * The generator's meters, in the application's registry (a private one when there is none).
     *
     * @param registry the meter registry, if any
     * @param admission the admission controller
     * @return the meters
     */
    @Bean
    @ConditionalOnMissingBean
    public GenerationMetrics mlx4jGenerationMetrics(ObjectProvider<MeterRegistry> registry, Admission admission) {
        return new GenerationMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), admission);
    }

    /**
     * The text generator.
     *
     * @param properties the properties
     * @param model the model
     * @param admission the admission controller
     * @param metrics the meters
     * @param batch the continuous batch, when {@code mlx4j.max-batch} is above 0
     * @return the generator
     */
    @Bean
    @ConditionalOnMissingBean(TextGenerationService.class)
    public LoadedModelGenerationService mlx4jTextGenerationService(Mlx4jProperties properties, LoadedModel model,
            Admission admission, GenerationMetrics metrics, ObjectProvider<BatchGenerator> batch) {
        return new LoadedModelGenerationService(model, properties.modelId(), admission, metrics, batch.getIfAvailable());
    }

    /**
     * The continuous batch over the generation model ({@code mlx4j.max-batch} above 0), closed with the context.
     *
     * @param properties the properties
     * @param model the model
     * @return the batch generator
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnExpression("${mlx4j.max-batch:32} > 0")
    public BatchGenerator mlx4jBatchGenerator(Mlx4jProperties properties, LoadedModel model) {
        return new BatchGenerator(model.model(), properties.maxBatch());
    }

    /**
     * The embedding model of {@code mlx4j.embedding-model} ({@code none}: no bean).
     *
     * @param properties the properties
     * @param runtime the device and memory settings, applied first
     * @return the embedding service
     */
    @Bean
    @ConditionalOnMissingBean(EmbeddingService.class)
    @ConditionalOnExpression("'${mlx4j.embedding-model:minilm}' != 'none'")
    public EmbedderService mlx4jEmbeddingService(Mlx4jProperties properties, Mlx4jRuntime runtime) {
        return new EmbedderService(Embedder.load(properties.embeddingModel()), properties.embeddingModelId());
    }

    /**
     * Graceful shutdown of the generator, before the web server stops.
     *
     * @param properties the properties
     * @param generator the generator
     * @return the lifecycle bean
     */
    @Bean
    public SmartLifecycle mlx4jGracefulShutdown(Mlx4jProperties properties, ObjectProvider<LoadedModelGenerationService> generator) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override public void start() { running = true; }

            @Override public void stop() {
                running = false;
                generator.ifAvailable(g -> g.shutdown(properties.shutdownGrace()));
            }

            @Override public boolean isRunning() { return running; }

            // stopped before the web server's graceful shutdown phase, so that open streams end first
            @Override public int getPhase() { return Integer.MAX_VALUE - 512; }
        };
    }

    /** The Actuator health indicator, when Spring Boot's health support is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    public static class Health {
        /** Creates the configuration. */
        public Health() {}

        /**
         * The health indicator, named {@code mlx4j}.
         *
         * @param generator the generator
         * @param runtime the device settings
         * @return the indicator
         */
        @Bean
        @ConditionalOnMissingBean
        public Mlx4jHealthIndicator mlx4jHealthIndicator(TextGenerationService generator, Mlx4jRuntime runtime) {
            return new Mlx4jHealthIndicator(generator, runtime.device());
        }
    }
}
