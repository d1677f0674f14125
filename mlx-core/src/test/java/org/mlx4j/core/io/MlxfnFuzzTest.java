package org.mlx4j.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The .mlxfn loader under arbitrary bytes (see {@link HostileFileContract}). In the normal build this runs the
 * committed inputs under {@code MlxfnFuzzTestInputs/mlxfn}; the {@code fuzz} profile fuzzes it for a fixed time.
 */
class MlxfnFuzzTest {
    @FuzzTest(maxDuration = "90s")
    void mlxfn(byte[] bytes) {
        HostileFileContract.check(bytes, HostileFileContract.MLXFN);
    }
}
