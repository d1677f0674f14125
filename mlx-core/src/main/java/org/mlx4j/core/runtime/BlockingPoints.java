package org.mlx4j.core.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.backend.cpu.Parallel;
import org.mlx4j.core.graph.Scheduler;
import org.mlx4j.core.memory.Allocator;

/**
 * What a blocking detector (mlx-reactive's BlockHound integration) needs to know about mlx4j's threads:
 * the stream threads are non-blocking, as Reactor's parallel threads are (code run there must not block,
 * or it stalls the stream's kernels), and the few places that park a thread for a moment by design.
 */
public final class BlockingPoints {
    private BlockingPoints() {}

    /** Whether {@code thread} runs a stream's tasks. */
    public static boolean isStreamThread(Thread thread) {
        return thread.getName().startsWith(StreamExecutor.THREAD_NAME_PREFIX);
    }

    /**
     * Class name to the methods inside which blocking is by design: the scheduling lock held while
     * {@code asyncEval} walks a graph and queues its kernels ({@code schedule}), a kernel waiting for an input
     * produced on another stream ({@code compute}), the lock of a stream's task queue ({@code execute}), an
     * idle stream thread waiting for its next task ({@code next}), a kernel waiting for the chunks it split
     * across the CPU pool ({@code forRange}), and an allocation far past the collection threshold waiting (at
     * most 100 ms) for the collection that gives memory back ({@code awaitCollection}).
     */
    public static Map<String, List<String>> allowedBlockingCalls() {
        Map<String, List<String>> allowed = new LinkedHashMap<>();
        allowed.put(Scheduler.class.getName(), List.of("schedule", "compute"));
        allowed.put(StreamExecutor.class.getName(), List.of("execute", "next"));
        allowed.put(Parallel.class.getName(), List.of("forRange"));
        allowed.put(Allocator.class.getName(), List.of("awaitCollection"));
        return allowed;
    }
}
