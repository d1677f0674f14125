package org.mlx4j.reactive;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Records the settled active memory before each test and, after it, waits until memory is back there
 * (everything the test's publishers created was released): {@code @RegisterExtension final MemoryBaseline memory
 * = new MemoryBaseline();}, and {@link #bytes()} for checks in between.
 */
final class MemoryBaseline implements BeforeEachCallback, AfterEachCallback {
    private long bytes;

    @Override
    public void beforeEach(ExtensionContext context) {
        bytes = TestSupport.settledMemory();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestSupport.awaitMemory(bytes);
    }

    /** The active memory recorded before the test. */
    long bytes() { return bytes; }
}
