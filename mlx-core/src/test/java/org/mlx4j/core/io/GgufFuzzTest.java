package org.mlx4j.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The .gguf loader under arbitrary bytes (see {@link HostileFileContract}). In the normal build this runs the
 * committed inputs under {@code GgufFuzzTestInputs/gguf}; the {@code fuzz} profile fuzzes it for a fixed time.
 */
class GgufFuzzTest {
    @FuzzTest(maxDuration = "90s")
    void gguf(byte[] bytes) {
        HostileFileContract.check(bytes, HostileFileContract.GGUF);
        HostileFileContract.check(bytes, HostileFileContract.GGUF_MLX_AFFINE);
    }
}
