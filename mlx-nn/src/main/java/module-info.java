/**
 * Neural networks over mlx-core, as MLX's {@code mlx.nn} and {@code mlx.optimizers}: modules as trees of
 * parameters, layers, activations, losses and initialisers ({@code org.mlx4j.nn}, {@code org.mlx4j.nn.init}),
 * optimizers and learning-rate schedules ({@code org.mlx4j.optimizers}).
 */
module org.mlx4j.nn {
    requires transitive org.mlx4j.core;

    exports org.mlx4j.nn;
    exports org.mlx4j.nn.init;
    exports org.mlx4j.optimizers;
}
