package org.mlx4j.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The .npy loader under arbitrary bytes (see {@link HostileFileContract}). In the normal build this runs the
 * committed inputs under {@code NpyFuzzTestInputs/npy}; the {@code fuzz} profile fuzzes it for a fixed time.
 */
class NpyFuzzTest {
    @FuzzTest(maxDuration = "90s")
    void npy(byte[] bytes) {
        HostileFileContract.check(bytes, HostileFileContract.NPY);
    }
}
