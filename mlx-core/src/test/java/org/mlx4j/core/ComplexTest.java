package org.mlx4j.core;

import static org.mlx4j.core.TestArrays.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Mx#complex}: {@code real + i * imag} as COMPLEX64, read back through {@link Mx#real} and {@link Mx#imag}. */
class ComplexTest {

    @Test
    void partsComeBackExactly() {
        Random rng = new Random(500);
        Sample re = sample(rng, DType.FLOAT32, -5, 5, 3, 4), im = sample(rng, DType.FLOAT32, -5, 5, 3, 4);
        Array z = Mx.complex(re.array(), im.array());
        assertShape(z, DType.COMPLEX64, 3, 4);
        assertClose(Mx.real(z), DType.FLOAT32, shape(3, 4), re.values(), 0, 0);
        assertClose(Mx.imag(z), DType.FLOAT32, shape(3, 4), im.values(), 0, 0);
        // the Array forms read the same parts
        assertClose(z.real(), DType.FLOAT32, shape(3, 4), re.values(), 0, 0);
        assertClose(z.imag(), DType.FLOAT32, shape(3, 4), im.values(), 0, 0);
        assertClose(re.array().imag(), DType.FLOAT32, shape(3, 4), new double[12], 0, 0);
    }

    @Test
    void partsBroadcastAndOtherDtypesConvert() {
        Random rng = new Random(501);
        Sample re = sample(rng, DType.INT32, -9, 9, 3, 1), im = sample(rng, DType.FLOAT64, -5, 5, 4);
        Array z = Mx.complex(re.array(), im.array());
        assertShape(z, DType.COMPLEX64, 3, 4);
        assertClose(Mx.real(z), DType.FLOAT32, shape(3, 4), broadcastRef(re.values(), shape(3, 1), shape(3, 4)), 0, 0);
        assertClose(Mx.imag(z), DType.FLOAT32, shape(3, 4),
                storedAs(DType.FLOAT32, broadcastRef(im.values(), shape(4), shape(3, 4))), 0, 0);
    }

    @Test
    void complexArithmeticFollows() {
        // (1 + 2i)(3 - i) = 5 + 5i; |3 + 4i| = 5
        Array a = Mx.complex(Mx.array(new float[] {1, 3}), Mx.array(new float[] {2, 4}));
        Array b = Mx.complex(Mx.array(new float[] {3, 0}), Mx.array(new float[] {-1, 0}));
        Array p = Mx.multiply(a, b);
        assertExact(Mx.real(p), DType.FLOAT32, shape(2), 5, 0);
        assertExact(Mx.imag(p), DType.FLOAT32, shape(2), 5, 0);
        assertExact(Mx.abs(a).get("1"), DType.FLOAT32, shape(), 5);
    }

    @Test
    void badInputsNameTheOp() {
        assertFailsWith(() -> Mx.complex(Mx.zeros(3), Mx.zeros(4)), "complex", "(3,)", "(4,)");
    }
}
