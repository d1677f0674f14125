package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated values ({@code full}, {@code zeros}, {@code ones}, {@code arange}, ...) have no inputs but are not
 * user data: once their last consumer has run they give their buffer back at once, like any intermediate, and a
 * later read recomputes them.
 */
class GeneratedIntermediatesTest {
    private static final int N = 1 << 22; // 16 MiB of float32

    @BeforeEach
    @AfterEach
    void settle() {
        Mx.synchronize();
        Memory.reclaim();
    }

    static Stream<Arguments> generators() {
        return Stream.of(
                Arguments.of("full", (IntFunction<Array>) n -> Mx.full(new int[] {n}, 3, DType.FLOAT32)),
                Arguments.of("zeros", (IntFunction<Array>) n -> Mx.zeros(n)),
                Arguments.of("ones", (IntFunction<Array>) n -> Mx.ones(n)),
                Arguments.of("arange", (IntFunction<Array>) n -> Mx.arange(0, n, 1, DType.FLOAT32)),
                Arguments.of("linspace", (IntFunction<Array>) n -> Mx.linspace(0, 1, n)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void aConsumedGeneratedArrayGivesItsBufferBackAfterItsLastConsumer(String name, IntFunction<Array> make) {
        Array x = Mx.array(StreamTest.randomFloats(N, 21)).eval();
        long base = Memory.activeMemory();
        Array generated = make.apply(N);
        Array y = x.multiply(generated).sum();
        Mx.eval(y);
        assertThat(Memory.activeMemory() - base)
                .as(name + ": only the 4-byte result stays active").isLessThanOrEqualTo(4096);
        // the handle still reads correctly: it is recomputed
        Array again = generated.get(N - 1);
        Array expected = make.apply(N).get(N - 1);
        assertThat(again.floatValue()).isEqualTo(expected.floatValue());
        y.close();
        x.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void aDonatedGeneratedBufferServesItsConsumer(String name, IntFunction<Array> make) {
        long base = Memory.activeMemory();
        Memory.resetPeakMemory();
        Array y = make.apply(N).multiply(2).add(1);
        Mx.eval(y);
        // only the output stays active (and the two weak scalars' bytes until they are collected)
        assertThat(Memory.activeMemory() - base).as(name).isBetween(4L * N, 4L * N + 4096);
        y.close();
    }
}
