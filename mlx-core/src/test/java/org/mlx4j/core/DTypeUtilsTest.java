package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** finfo, iinfo, issubdtype, canCast, isdtype, resultType and print options, against values written out here. */
@Isolated("changes the global print options")
class DTypeUtilsTest {

    @Test
    void finfoGivesIeeeLimits() {
        FInfo h = Mx.finfo(DType.FLOAT16);
        assertThat(h.eps()).isEqualTo(0.0009765625);
        assertThat(h.max()).isEqualTo(65504.0);
        assertThat(h.min()).isEqualTo(-65504.0);
        assertThat(h.smallestNormal()).isEqualTo(6.103515625e-05);
        assertThat(h.bits()).isEqualTo(16);
        FInfo b = Mx.finfo(DType.BFLOAT16);
        assertThat(b.eps()).isEqualTo(0.0078125);
        assertThat(b.max()).isEqualTo(3.3895313892515355e38);
        assertThat(b.smallestNormal()).isEqualTo(1.1754943508222875e-38);
        FInfo f = Mx.finfo(DType.FLOAT32);
        assertThat(f.eps()).isEqualTo(1.1920928955078125e-07);
        assertThat(f.max()).isEqualTo(3.4028234663852886e38);
        assertThat(f.smallestNormal()).isEqualTo(1.1754943508222875e-38);
        assertThat(Mx.finfo(DType.COMPLEX64).eps()).isEqualTo(f.eps());
        FInfo d = Mx.finfo(DType.FLOAT64);
        assertThat(d.eps()).isEqualTo(2.220446049250313e-16);
        assertThat(d.max()).isEqualTo(1.7976931348623157e308);
        assertThat(d.bits()).isEqualTo(64);
        // the limits hold in the arrays too: max + eps*max rounds to inf in float16
        assertThat(Mx.array(h.max(), DType.FLOAT16).item()).isEqualTo(65504.0f);
        assertThatThrownBy(() -> Mx.finfo(DType.INT32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finfo: int32 is not an inexact type");
    }

    @Test
    void iinfoGivesTwosComplementLimits() {
        assertThat(Mx.iinfo(DType.INT8).min()).isEqualTo(BigInteger.valueOf(-128));
        assertThat(Mx.iinfo(DType.INT8).max()).isEqualTo(BigInteger.valueOf(127));
        assertThat(Mx.iinfo(DType.UINT16).max()).isEqualTo(BigInteger.valueOf(65535));
        assertThat(Mx.iinfo(DType.INT32).min()).isEqualTo(BigInteger.valueOf(Integer.MIN_VALUE));
        assertThat(Mx.iinfo(DType.INT64).max()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(Mx.iinfo(DType.UINT64).max()).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(Mx.iinfo(DType.UINT64).min()).isEqualTo(BigInteger.ZERO);
        assertThat(Mx.iinfo(DType.UINT32).bits()).isEqualTo(32);
        assertThatThrownBy(() -> Mx.iinfo(DType.FLOAT32)).hasMessageContaining("iinfo: float32 is not an integer type");
        assertThatThrownBy(() -> Mx.iinfo(DType.BOOL)).hasMessageContaining("iinfo: bool");
    }

    @Test
    void issubdtypeWalksMlxsHierarchy() {
        assertThat(Mx.issubdtype(DType.FLOAT16, DTypeCategory.FLOATING)).isTrue();
        assertThat(Mx.issubdtype(DType.FLOAT16, DTypeCategory.INEXACT)).isTrue();
        assertThat(Mx.issubdtype(DType.FLOAT16, DTypeCategory.INTEGER)).isFalse();
        assertThat(Mx.issubdtype(DType.UINT8, DTypeCategory.INTEGER)).isTrue();
        assertThat(Mx.issubdtype(DType.UINT8, DTypeCategory.SIGNED_INTEGER)).isFalse();
        assertThat(Mx.issubdtype(DType.INT64, DTypeCategory.NUMBER)).isTrue();
        assertThat(Mx.issubdtype(DType.COMPLEX64, DTypeCategory.COMPLEX_FLOATING)).isTrue();
        assertThat(Mx.issubdtype(DType.COMPLEX64, DTypeCategory.FLOATING)).isFalse();
        assertThat(Mx.issubdtype(DType.BOOL, DTypeCategory.NUMBER)).isFalse();
        assertThat(Mx.issubdtype(DType.BOOL, DTypeCategory.GENERIC)).isTrue();
        assertThat(Mx.issubdtype(DType.FLOAT32, DType.FLOAT32)).isTrue();
        assertThat(Mx.issubdtype(DType.FLOAT32, DType.FLOAT64)).isFalse();
        assertThat(Mx.issubdtype(DTypeCategory.FLOATING, DTypeCategory.INEXACT)).isTrue();
        assertThat(Mx.issubdtype(DTypeCategory.INEXACT, DTypeCategory.FLOATING)).isFalse();
        for (DType t : DType.values()) assertThat(Mx.issubdtype(t, DTypeCategory.GENERIC)).as(t.mlxName()).isTrue();
    }

    @Test
    void canCastAndIsdtype() {
        assertThat(Mx.canCast(DType.INT8, DType.INT32)).isTrue();
        assertThat(Mx.canCast(DType.INT32, DType.INT8)).isFalse();
        assertThat(Mx.canCast(DType.UINT8, DType.INT16)).isTrue();
        assertThat(Mx.canCast(DType.UINT16, DType.INT16)).isFalse();
        assertThat(Mx.canCast(DType.INT64, DType.FLOAT32)).isTrue(); // as MLX promotes
        assertThat(Mx.canCast(DType.FLOAT64, DType.FLOAT32)).isFalse();
        assertThat(Mx.canCast(DType.FLOAT16, DType.BFLOAT16)).isFalse();
        assertThat(Mx.canCast(DType.BOOL, DType.UINT8)).isTrue();
        assertThat(Mx.isdtype(DType.INT16, "signed integer")).isTrue();
        assertThat(Mx.isdtype(DType.INT16, "integral")).isTrue();
        assertThat(Mx.isdtype(DType.UINT16, "signed integer")).isFalse();
        assertThat(Mx.isdtype(DType.BFLOAT16, "real floating")).isTrue();
        assertThat(Mx.isdtype(DType.COMPLEX64, "complex floating")).isTrue();
        assertThat(Mx.isdtype(DType.BOOL, "numeric")).isFalse();
        assertThat(Mx.isdtype(DType.BOOL, "bool")).isTrue();
        assertThat(Mx.isdtype(DType.FLOAT32, "float32")).isTrue();
        assertThat(Mx.isdtype(DType.FLOAT32, "float16")).isFalse();
        assertThatThrownBy(() -> Mx.isdtype(DType.FLOAT32, "real")).hasMessageContaining("isdtype: unknown kind 'real'");
    }

    @Test
    void resultTypeAgreesWithTheOpsOnArraysAndWeakScalars() {
        Array i8 = Mx.array(new int[] {1}, 1).astype(DType.INT8), b = Mx.array(new boolean[] {true}, 1);
        Array f16 = Mx.array(new float[] {1}, 1).astype(DType.FLOAT16), u8 = i8.astype(DType.UINT8);
        assertThat(Mx.resultType(i8, u8)).isEqualTo(DType.INT16).isEqualTo(Mx.add(i8, u8).dtype());
        assertThat(Mx.resultType(i8, 3)).isEqualTo(DType.INT8).isEqualTo(Mx.add(i8, 3L).dtype());
        assertThat(Mx.resultType(i8, 3.5)).isEqualTo(DType.FLOAT32).isEqualTo(Mx.add(i8, 3.5).dtype());
        assertThat(Mx.resultType(f16, 3.5)).isEqualTo(DType.FLOAT16).isEqualTo(Mx.add(f16, 3.5).dtype());
        assertThat(Mx.resultType(b, 2)).isEqualTo(DType.INT32).isEqualTo(Mx.add(b, 2L).dtype());
        assertThat(Mx.resultType(b, true)).isEqualTo(DType.BOOL);
        assertThat(Mx.resultType(f16, DType.BFLOAT16)).isEqualTo(DType.FLOAT32);
        assertThat(Mx.resultType(DType.UINT64, DType.INT8)).isEqualTo(DType.FLOAT32);
        assertThat(Mx.resultType(1, 2L)).isEqualTo(DType.INT32);
        assertThat(Mx.resultType(1, 2.0f)).isEqualTo(DType.FLOAT32);
        assertThat(Mx.resultType(true)).isEqualTo(DType.BOOL);
        assertThatThrownBy(() -> Mx.resultType("x")).hasMessageContaining("resultType: operand 0 is a java.lang.String");
        assertThatThrownBy(() -> Mx.resultType()).hasMessageContaining("resultType: at least one");
    }

    @Test
    void printOptionsChangeDigitsAndSummaries() {
        Array x = Mx.array(new double[] {Math.PI, 1234567.0}, DType.FLOAT64, 2);
        assertThat(x.toString()).isEqualTo("array([3.14159, 1.23457e+06], dtype=float64)");
        try (var p = Mx.withPrintOptions(Mx.printOptions().withPrecision(10))) {
            assertThat(x.toString()).isEqualTo("array([3.141592654, 1234567], dtype=float64)");
        }
        assertThat(x.toString()).isEqualTo("array([3.14159, 1.23457e+06], dtype=float64)");
        PrintOptions before = Mx.setPrintOptions(PrintOptions.defaults().withThreshold(4).withEdgeItems(1));
        try {
            assertThat(Mx.arange(6).toString()).isEqualTo("array([0, ..., 5], dtype=int32)");
            assertThat(Mx.arange(4).toString()).isEqualTo("array([0, 1, 2, 3], dtype=int32)");
        } finally {
            Mx.setPrintOptions(before);
        }
        assertThat(Mx.printOptions()).isEqualTo(PrintOptions.defaults());
        assertThatThrownBy(() -> new PrintOptions(0, 10, 1)).hasMessageContaining("precision must be in [1, 17]");
    }
}
