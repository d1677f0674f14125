/**
 * mlx4j's core: lazy arrays, ops, evaluation, streams, memory, transformations and the CPU backend.
 *
 * <p>The public API is {@code org.mlx4j.core}, {@code org.mlx4j.core.io} and {@code org.mlx4j.utils}; every
 * other package is internal. The CPU kernels are Vector API code, so this module requires
 * {@code jdk.incubator.vector} (on the module path it is resolved without {@code --add-modules}); the
 * allocator and the optional BLAS path call native code through FFM, so it needs native access
 * ({@code --enable-native-access=org.mlx4j.core}).
 */
module org.mlx4j.core {
    requires jdk.incubator.vector;
    requires jdk.management; // the machine's physical memory, for the default memory limit

    exports org.mlx4j.core;
    exports org.mlx4j.core.io;
    exports org.mlx4j.utils;

    // the BlockHound integration of mlx-reactive names the stream threads and the places that park by design
    exports org.mlx4j.core.runtime to org.mlx4j.reactive;

    uses org.mlx4j.core.backend.Backend;
}
