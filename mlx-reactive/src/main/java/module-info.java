/** Reactor publishers over mlx4j's asynchronous evaluation. */
module org.mlx4j.reactive {
    requires transitive org.mlx4j.core;
    requires transitive reactor.core;
    requires transitive org.reactivestreams;
    requires static reactor.blockhound; // only MlxBlockHoundIntegration, used when an application installs BlockHound

    requires transitive org.mlx4j.lm; // LanguageModelFlux: a language model's tokens through Generation

    exports org.mlx4j.reactive;
    // mlx-core's Tree reads the components of the records this module passes through its publishers
    opens org.mlx4j.reactive to org.mlx4j.core;

    provides reactor.blockhound.integration.BlockHoundIntegration with org.mlx4j.reactive.MlxBlockHoundIntegration;
}
