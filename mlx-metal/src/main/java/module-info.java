/**
 * The Apple-silicon GPU backend. Today a platform probe only ({@link org.mlx4j.metal.MetalPlatform}): it
 * reads system properties and the file system, calls no native code, and provides no backend yet.
 */
module org.mlx4j.metal {
    exports org.mlx4j.metal;
}
