package org.mlx4j.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The .npz loader under arbitrary bytes (see {@link HostileFileContract}). In the normal build this runs the
 * committed inputs under {@code NpzFuzzTestInputs/npz}; the {@code fuzz} profile fuzzes it for a fixed time.
 */
class NpzFuzzTest {
    @FuzzTest(maxDuration = "90s")
    void npz(byte[] bytes) {
        HostileFileContract.check(bytes, HostileFileContract.NPZ);
    }
}
