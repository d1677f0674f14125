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

    /**
     * The largest depth this policy allows.
     *
     * @return the maximum depth
     */
    int maxDepth();

    /**
     * A fresh per-subscription gauge.
     *
     * @return a new gauge
     */
    Gauge newGauge();

    /** The current depth for one subscription. */
    interface Gauge {
        /**
         * The depth to use now (read by the stage each time it may ask upstream for more).
         *
         * @return the depth, at least 1
         */
        int depth();
    }

    /**
     * A constant depth of {@code depth} (at least 1).
     *
     * @param depth the depth, at least 1
     * @return the policy
     * @throws IllegalArgumentException if {@code depth < 1}
     */
    static DepthPolicy fixed(int depth) {
        return new Fixed(depth);
    }

    /**
     * Memory-aware depth: {@code maxDepth} normally, 1 at or above 90% of the memory limit until below 70%.
     *
     * @param maxDepth the depth while memory is not high
     * @return the policy
     * @throws IllegalArgumentException if {@code maxDepth < 1}
     */
    static DepthPolicy memoryAware(int maxDepth) {
        return memoryAware(maxDepth, 1, 0.9, 0.7);
    }

    /**
     * Memory-aware depth with explicit bounds: {@code minDepth} while active memory is at or above
     * {@code highFraction} of the memory limit, {@code maxDepth} again once it is below {@code lowFraction}.
     *
     * @param maxDepth the depth while memory is not high
     * @param minDepth the depth while memory is high, at least 1
     * @param highFraction the fraction of the memory limit at or above which the depth drops
     * @param lowFraction the fraction below which it returns to {@code maxDepth}
     * @return the policy
     * @throws IllegalArgumentException unless {@code 1 <= minDepth <= maxDepth} and
     * {@code 0 < lowFraction <= highFraction <= 1}
     */
    static DepthPolicy memoryAware(int maxDepth, int minDepth, double highFraction, double lowFraction) {
        return new MemoryAware(maxDepth, minDepth, highFraction, lowFraction, Memory::activeMemory, Memory::memoryLimit);
    }

    /**
     * A constant depth, made by {@link #fixed(int)}.
     *
     * @param depth the depth, at least 1
     */
    record Fixed(int depth) implements DepthPolicy {
        /**
         * Checks the depth.
         *
         * @throws IllegalArgumentException if {@code depth < 1}
         */
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

    /**
     * A memory-aware depth, made by {@link #memoryAware(int, int, double, double)}.
     *
     * @param maxDepth the depth while memory is not high
     * @param minDepth the depth while memory is high
     * @param highFraction the fraction of the memory limit at or above which the depth drops
     * @param lowFraction the fraction below which it returns to {@code maxDepth}
     * @param activeMemory reads the active memory ({@link Memory#activeMemory()})
     * @param memoryLimit reads the memory limit ({@link Memory#memoryLimit()})
     */
    record MemoryAware(int maxDepth, int minDepth, double highFraction, double lowFraction,
                       LongSupplier activeMemory, LongSupplier memoryLimit) implements DepthPolicy {
        /**
         * Checks the bounds.
         *
         * @throws IllegalArgumentException unless {@code 1 <= minDepth <= maxDepth} and
         * {@code 0 < lowFraction <= highFraction <= 1}
         */
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
