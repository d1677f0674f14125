/** Runnable example programs: compiled as a module, so they use nothing but the exported API. */
module org.mlx4j.examples {
    requires org.mlx4j.reactive;
}
