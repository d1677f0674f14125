package org.mlx4j.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The .safetensors loader under arbitrary bytes (see {@link HostileFileContract}). In the normal build this runs the
 * committed inputs under {@code SafetensorsFuzzTestInputs/safetensors}; the {@code fuzz} profile fuzzes it for a fixed time.
 */
class SafetensorsFuzzTest {
    @FuzzTest(maxDuration = "90s")
    void safetensors(byte[] bytes) {
        HostileFileContract.check(bytes, HostileFileContract.SAFETENSORS);
    }
}
