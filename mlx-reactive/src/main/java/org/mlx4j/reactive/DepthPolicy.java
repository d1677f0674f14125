package org.mlx4j.reactive;

import java.util.function.LongSupplier;
import org.mlx4j.core.Memory;

/**
 * How many items a pipelined stage keeps in flight (built and scheduled but not yet emitted).
 *
 * <p>{@link #fixed(int)} keeps a constant depth. {@link #memoryAware(int)} is memory-aware backpressure:
 * while {@link Memory#activeMemory()} is at or above a high watermark of {@link Memory#memoryLimit()} the
 * depth drops to a minimum, and it returns to the maximum once active memory falls below a low watermark
 * (the gap between the two avoids flapping). The depth never drops below 1, so a stage always progresses.
 */
public sealed interface DepthPolicy permits DepthPolicy.Fixed, DepthPolicy.MemoryAware {

    /** The largest depth this policy allows. */
    int maxDepth();

    /** A fresh per-subscription gauge. */
    Gauge newGauge();

    /** The current depth for one subscription. */
    interface Gauge {
        int depth();
    }

    /** A constant depth of {@code depth} (at least 1). */
    static DepthPolicy fixed(int depth) {
        return new Fixed(depth);
    }

    /** Memory-aware depth: {@code maxDepth} normally, 1 at or above 90% of the memory limit until below 70%. */
    static DepthPolicy memoryAware(int maxDepth) {
        return memoryAware(maxDepth, 1, 0.9, 0.7);
    }

    /**
     * Memory-aware depth with explicit bounds: {@code minDepth} while active memory is at or above
     * {@code highFraction} of the memory limit, {@code maxDepth} again once it is below {@code lowFraction}.
     */
    static DepthPolicy memoryAware(int maxDepth, int minDepth, double highFraction, double lowFraction) {
        return new MemoryAware(maxDepth, minDepth, highFraction, lowFraction, Memory::activeMemory, Memory::memoryLimit);
    }

    record Fixed(int depth) implements DepthPolicy {
        public Fixed {
            if (depth < 1) throw new IllegalArgumentException("DepthPolicy.fixed: depth must be >= 1, got " + depth);
        }

        @Override
        public int maxDepth() {
            return depth;
        }

        @Override
        public Gauge newGauge() {
            return () -> depth;
        }
    }

    record MemoryAware(int maxDepth, int minDepth, double highFraction, double lowFraction,
                       LongSupplier activeMemory, LongSupplier memoryLimit) implements DepthPolicy {
        public MemoryAware {
            if (minDepth < 1 || maxDepth < minDepth) {
                throw new IllegalArgumentException("DepthPolicy.memoryAware: need 1 <= minDepth <= maxDepth, got min "
                        + minDepth + ", max " + maxDepth);
            }
            if (!(lowFraction > 0 && lowFraction <= highFraction && highFraction <= 1)) {
                throw new IllegalArgumentException("DepthPolicy.memoryAware: need 0 < low <= high <= 1, got low "
                        + lowFraction + ", high " + highFraction);
            }
        }

        @Override
        public Gauge newGauge() {
            return new Gauge() {
                private boolean throttled;

                @Override
                public int depth() {
                    long limit = memoryLimit.getAsLong();
                    long active = activeMemory.getAsLong();
                    if (limit > 0) {
                        if (active >= highFraction * limit) throttled = true;
                        else if (active < lowFraction * limit) throttled = false;
                    }
                    return throttled ? minDepth : maxDepth;
                }
            };
        }
    }
}
