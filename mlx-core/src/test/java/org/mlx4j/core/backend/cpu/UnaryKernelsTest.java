package org.mlx4j.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.UnaryOp;

public class UnaryKernelsTest {
    private static final Arena ARENA = Arena.ofAuto();
    private static final EnumSet<UnaryOp> FLOAT_ONLY = EnumSet.of(UnaryOp.SQRT, UnaryOp.RSQRT, UnaryOp.RECIPROCAL,
            UnaryOp.EXP, UnaryOp.EXPM1, UnaryOp.LOG, UnaryOp.LOG2, UnaryOp.LOG10, UnaryOp.LOG1P, UnaryOp.SIN, UnaryOp.COS,
            UnaryOp.TAN, UnaryOp.ARCSIN, UnaryOp.ARCCOS, UnaryOp.ARCTAN, UnaryOp.SINH, UnaryOp.COSH, UnaryOp.TANH,
            UnaryOp.ARCSINH, UnaryOp.ARCCOSH, UnaryOp.ARCTANH, UnaryOp.ERF, UnaryOp.ERFINV, UnaryOp.SIGMOID);
    private static final EnumSet<UnaryOp> COMPLEX_OK = EnumSet.of(UnaryOp.NEGATIVE, UnaryOp.ABS, UnaryOp.SIGN,
            UnaryOp.SQUARE, UnaryOp.SQRT, UnaryOp.RSQRT, UnaryOp.RECIPROCAL, UnaryOp.EXP, UnaryOp.LOG, UnaryOp.LOG2,
            UnaryOp.LOG10, UnaryOp.SIN, UnaryOp.COS, UnaryOp.TAN, UnaryOp.SINH, UnaryOp.COSH, UnaryOp.TANH, UnaryOp.ROUND,
            UnaryOp.CONJUGATE, UnaryOp.REAL, UnaryOp.IMAG, UnaryOp.LOGICAL_NOT, UnaryOp.ISNAN, UnaryOp.ISINF,
            UnaryOp.ISFINITE);

    private static final double[][] ERF_TABLE = {{-5.5, -0.9999999999999927}, {-3.1, -0.9999883513426328}, {-2.0, -0.9953222650189527}, {-1.0, -0.8427007929497149}, {-0.5, -0.5204998778130465}, {-0.001, -0.0011283787909692365}, {-1e-09, -1.1283791670955127e-09}, {0.1, 0.1124629160182849}, {0.3, 0.3286267594591274}, {0.84, 0.7651427114549945}, {0.95, 0.8208908072732779}, {1.3, 0.9340079449406524}, {2.2, 0.9981371537020182}, {3.5, 0.9999992569016276}, {4.7, 0.9999999999700474}, {5.9, 0.9999999999999999}};
    private static final double[][] ERFINV_TABLE = {{-0.999999, -3.458910737275499}, {-0.9, -1.1630871536766743}, {-0.5, -0.4769362762044699}, {-1e-06, -8.8622692545299e-07}, {1e-12, 8.86226925452758e-13}, {0.01, 0.008862501280950598}, {0.2, 0.1791434546212917}, {0.6, 0.5951160814499948}, {0.8, 0.9061938024368233}, {0.95, 1.3859038243496777}, {0.99, 1.8213863677184494}, {0.999, 2.3267537655135246}, {0.9999999, 3.7665625816384707}, {0.9999999999990905, 5.05125408524939}, {0.9999999999999998, 5.805018683193453}};
    private static final double[][] ERFINV32_TABLE = {{-0.9998999834060669f, -2.7510354379032873}, {-0.699999988079071f, -0.7328690598827589}, {-0.25f, -0.2253120550121781}, {9.999999747378752e-06f, 8.862269030879841e-06}, {0.05000000074505806f, 0.04434038857159546}, {0.5f, 0.4769362762044699}, {0.75f, 0.8134198475976185}, {0.9700000286102295f, 1.5344858888791884}, {0.9994999766349792f, 2.4612576063231546}, {0.9999999403953552f, 3.832506856900711}, {0.9999990463256836f, 3.465505025803331}};
    private static final double[][] ASINH_TABLE = {{-1000000.0, -14.50865773852447}, {-30.0, -4.09462222433053}, {-2.5, -1.6472311463710958}, {-0.7, -0.6526665660823557}, {-1e-07, -9.999999999999982e-08}, {3e-09, 3e-09}, {0.4, 0.3900353197707153}, {1.0, 0.881373587019543}, {1.9, 1.3979983651114343}, {7.5, 2.712465305184344}, {1000.0, 7.600902709541988}, {3000000000.0, 22.515025306174465}, {1e+200, 461.2101657793691}};
    private static final double[][] ACOSH_TABLE = {{1.0, 0.0}, {1.0000001, 0.0004472135919037347}, {1.01, 0.14130376948564863}, {1.5, 0.9624236501192069}, {2.0, 1.3169578969248168}, {2.5, 1.566799236972411}, {10.0, 2.993222846126381}, {100000.0, 12.206072645505174}, {10000000000.0, 23.7189981105004}, {1e+300, 691.4686750787737}};
    private static final double[][] ATANH_TABLE = {{-0.999999, -7.254328619247669}, {-0.6, -0.6931471805599453}, {-0.5, -0.5493061443340549}, {-0.2, -0.2027325540540822}, {-1e-08, -1e-08}, {1e-300, 1e-300}, {0.3, 0.3095196042031117}, {0.49, 0.5360603366105666}, {0.75, 0.9729550745276566}, {0.99, 2.6466524123622457}, {0.9999999999, 11.859499013855018}};
    private static final double[][] Z_IN = {{0.5, -1.25}, {-2.0, 0.75}, {3.0, 4.0}, {-0.10000000149011612, -0.20000000298023224}, {1.5, 0.0}, {-4.0, 0.0}, {0.0, 2.0}};
    private static final java.util.Map<UnaryOp, double[][]> Z_OUT = java.util.Map.ofEntries(
            java.util.Map.entry(UnaryOp.EXP, new double[][] {{0.5198786860084937, -1.5646111274988195}, {0.09902332031011532, 0.0922497746528114}, {-13.128783081462158, -15.200784463067954}, {0.8868009099400347, -0.1797634466945394}, {4.4816890703380645, 0.0}, {0.01831563888873418, 0.0}, {-0.4161468365471424, 0.9092974268256817}}),
            java.util.Map.entry(UnaryOp.LOG, new double[][] {{0.2973535538733464, -1.1902899496825317}, {0.7589353594543049, 2.782821983319221}, {1.6094379124341003, 0.9272952180016122}, {-1.4978661218758345, -2.0344439357957027}, {0.4054651081081644, 0.0}, {1.3862943611198906, 3.141592653589793}, {0.6931471805599453, 1.5707963267948966}}),
            java.util.Map.entry(UnaryOp.LOG2, new double[][] {{0.42899049756378604, -1.7172254076269622}, {1.0949122794400086, 4.01476347501143}, {2.321928094887362, 1.3378042124509761}, {-2.16096402594585, -2.9350821771390847}, {0.5849625007211562, 0.0}, {2.0, 4.532360141827193}, {1.0, 2.2661800709135966}}),
            java.util.Map.entry(UnaryOp.LOG10, new double[][] {{0.12913900762151564, -0.5169363570120228}, {0.32960143873226555, 1.2085642314746008}, {0.6989700043360187, 0.4027191962733731}, {-0.6505149913604986, -0.8835477750576072}, {0.17609125905568124, 0.0}, {0.6020599913279624, 1.3643763538418412}, {0.3010299956639812, 0.6821881769209206}}),
            java.util.Map.entry(UnaryOp.SIN, new double[][] {{0.9053586344209573, -1.4058162504314684}, {-1.1772521793108766, -0.34220450663488017}, {3.853738037919377, -27.016813258003932}, {-0.10183675099362445, -0.2003301641437126}, {0.9974949866040544, 0.0}, {0.7568024953079282, -0.0}, {0.0, 3.626860407847019}}),
            java.util.Map.entry(UnaryOp.COS, new double[][] {{1.6572478640539148, 0.7680009178735728}, {-0.5387783532487324, 0.747730488384954}, {-27.034945603074224, -3.851153334811777}, {1.0149706711479043, -0.02010006162970426}, {0.0707372016677029, -0.0}, {-0.6536436208636119, -0.0}, {3.7621956910836314, -0.0}}),
            java.util.Map.entry(UnaryOp.TAN, new double[][] {{0.1261085664842344, -0.9067248043194311}, {0.44550132143674176, 1.2534271713346836}, {-0.00018734620462947845, 0.9993559873814732}, {-0.09638813218674348, -0.1992841540064198}, {14.10141994717172, 0.0}, {-1.1578212823495775, 0.0}, {0.0, 0.9640275800758168}}),
            java.util.Map.entry(UnaryOp.SINH, new double[][] {{0.16431300276137265, -1.0700996973668526}, {-2.65373338938083, 2.564458405835377}, {-6.5481200409110025, -7.61923172032141}, {-0.09817008531384201, -0.19966350847898945}, {2.1292794550948173, 0.0}, {-27.28991719712775, 0.0}, {-0.0, 0.9092974268256817}}),
            java.util.Map.entry(UnaryOp.COSH, new double[][] {{0.355565683247121, -0.49451143013196674}, {2.7527567096909453, -2.472208631182566}, {-6.580663040551157, -7.581552742746545}, {0.9849709952538768, 0.019900061784450057}, {2.352409615243247, 0.0}, {27.308232836016487, -0.0}, {-0.4161468365471424, 0.0}}),
            java.util.Map.entry(UnaryOp.TANH, new double[][] {{1.5839635482844237, -0.8066346988510736}, {-0.996747399904603, 0.03643288937571831}, {1.000709536067233, 0.0049082580674960595}, {-0.10372115168558767, -0.2006144872328556}, {0.9051482536448665, 0.0}, {-0.999329299739067, 0.0}, {0.0, -2.185039863261519}}),
            java.util.Map.entry(UnaryOp.SQRT, new double[][] {{0.9608046632337985, -0.6504964265019547}, {0.2607689938713792, 1.4380544037569272}, {2.0, 1.0}, {0.24860289579152509, -0.40224793509233586}, {1.224744871391589, 0.0}, {0.0, 2.0}, {1.0, 1.0}}),
            java.util.Map.entry(UnaryOp.RSQRT, new double[][] {{0.7136677874451546, 0.4831766156089769}, {0.12208280878354785, -0.6732461485846332}, {0.4, -0.2}, {1.1117859322193913, 1.7989074265449625}, {0.8164965809277261, 0.0}, {0.0, -0.5}, {0.5, -0.5}}),
            java.util.Map.entry(UnaryOp.RECIPROCAL, new double[][] {{0.2758620689655173, 0.6896551724137931}, {-0.4383561643835616, -0.1643835616438356}, {0.12, -0.16}, {-1.999999970197678, 3.999999940395356}, {0.6666666666666666, 0.0}, {-0.25, -0.0}, {0.0, -0.5}}),
            java.util.Map.entry(UnaryOp.SQUARE, new double[][] {{-1.3125, -1.25}, {3.4375, -3.0}, {-7.0, 24.0}, {-0.03000000089406968, 0.040000001192092904}, {2.25, 0.0}, {16.0, -0.0}, {-4.0, 0.0}}),
            java.util.Map.entry(UnaryOp.ABS, new double[][] {{1.346291201783626, 0.0}, {2.1360009363293826, 0.0}, {5.0, 0.0}, {0.22360680108197992, 0.0}, {1.5, 0.0}, {4.0, 0.0}, {2.0, 0.0}}),
            java.util.Map.entry(UnaryOp.SIGN, new double[][] {{0.3713906763541037, -0.9284766908852593}, {-0.9363291775690445, 0.3511234415883917}, {0.6000000000000001, 0.8}, {-0.4472135954999579, -0.8944271909999159}, {1.0, 0.0}, {-1.0, 0.0}, {0.0, 1.0}}),
            java.util.Map.entry(UnaryOp.NEGATIVE, new double[][] {{-0.5, 1.25}, {2.0, -0.75}, {-3.0, -4.0}, {0.10000000149011612, 0.20000000298023224}, {-1.5, -0.0}, {4.0, -0.0}, {-0.0, -2.0}}),
            java.util.Map.entry(UnaryOp.CONJUGATE, new double[][] {{0.5, 1.25}, {-2.0, -0.75}, {3.0, -4.0}, {-0.10000000149011612, 0.20000000298023224}, {1.5, -0.0}, {-4.0, -0.0}, {0.0, -2.0}}));

    // ---------- helpers ----------

    static MemorySegment alloc(long elems, DType t) { return ARENA.allocate(Math.max(8, elems * t.size()), 64); }

    static StridedView view(MemorySegment s, DType t, int... shape) { return StridedView.contiguous(s, t, shape); }

    static boolean supported(UnaryOp op, DType t) {
        if (t == DType.COMPLEX64) return COMPLEX_OK.contains(op);
        if (FLOAT_ONLY.contains(op)) return t.isFloating();
        if (op == UnaryOp.BITWISE_INVERT) return t.isInteger() || t == DType.BOOL;
        if (op == UnaryOp.NEGATIVE) return t != DType.BOOL;
        return true;
    }

    static DType outType(UnaryOp op, DType t) {
        if (op.isPredicate()) return DType.BOOL;
        if (t == DType.COMPLEX64 && (op == UnaryOp.REAL || op == UnaryOp.IMAG)) return DType.FLOAT32;
        return t;
    }

    static MemorySegment run(UnaryOp op, StridedView in) {
        DType ot = outType(op, in.dtype());
        MemorySegment out = alloc(in.size(), ot);
        UnaryKernels.apply(op, in, view(out, ot, in.shape()));
        return out;
    }

    /** A sample in the op's natural domain, with mixed magnitudes and signs. */
    static double sample(UnaryOp op, DType t, Random r) {
        boolean half = t.size() == 2;
        double sign = r.nextBoolean() ? 1 : -1;
        return switch (op) {
            case ARCSIN, ARCCOS, ARCTANH, ERFINV -> r.nextDouble() * 2 - 1;
            case ARCCOSH -> 1 + Math.exp(r.nextDouble() * 12 - 8);
            case LOG, LOG2, LOG10, SQRT, RSQRT -> Math.exp(r.nextDouble() * 20 - 10);
            case LOG1P -> Math.exp(r.nextDouble() * 10 - 6) - 0.9;
            case EXP, EXPM1, SINH, COSH -> (r.nextDouble() * 2 - 1) * (half ? 10 : t == DType.FLOAT32 ? 80 : 300);
            case SIN, COS, TAN -> (r.nextDouble() * 2 - 1) * 10;
            case ERF, SIGMOID, TANH -> (r.nextDouble() * 2 - 1) * 7;
            case FLOOR, CEIL, ROUND, TRUNC -> sign * (r.nextInt(8) == 0 ? r.nextInt(20) + 0.5 : r.nextDouble() * 50);
            default -> sign * Math.exp(r.nextDouble() * 12 - 6);
        };
    }

    static double ulpOf(DType t, double v) {
        v = Math.abs(v);
        return switch (t) {
            case FLOAT64 -> Math.ulp(v);
            case FLOAT32, COMPLEX64 -> Math.ulp((float) Math.min(v, Float.MAX_VALUE));
            case FLOAT16 -> Math.scalb(1.0, Math.max(Math.getExponent(v), -14) - 10);
            case BFLOAT16 -> Math.scalb(1.0, Math.max(Math.getExponent(v), -126) - 7);
            default -> 0;
        };
    }

    static double maxFinite(DType t) {
        return switch (t) {
            case FLOAT16 -> 65504;
            case BFLOAT16, FLOAT32 -> Float.MAX_VALUE;
            default -> Double.MAX_VALUE;
        };
    }

    /** Allowed error in ulps of the output type. */
    static double tolUlps(UnaryOp op, DType t) {
        boolean exact = EnumSet.of(UnaryOp.ABS, UnaryOp.NEGATIVE, UnaryOp.SIGN, UnaryOp.SQUARE, UnaryOp.SQRT,
                UnaryOp.FLOOR, UnaryOp.CEIL, UnaryOp.ROUND, UnaryOp.TRUNC).contains(op);
        if (exact) return 0.5;
        if (t.size() == 2) return 1.0; // float32 result rounded once more
        if (op == UnaryOp.RECIPROCAL || op == UnaryOp.RSQRT) return 1.5;
        if (t == DType.FLOAT64 && (op == UnaryOp.ERF || op == UnaryOp.ERFINV)) return 64; // reference good to ~1e-14
        return 4;
    }

    // ---------- float64 references ----------

    /** Float64 reference values of a real-valued unary op (accurate to a few ulps, special values as MLX). */
    public static double ref(UnaryOp op, double x) {
        return switch (op) {
            case ABS -> Math.abs(x);
            case NEGATIVE -> -x;
            case SIGN -> x > 0 ? 1 : x < 0 ? -1 : 0;
            case SQRT -> Math.sqrt(x);
            case RSQRT -> 1 / Math.sqrt(x);
            case SQUARE -> x * x;
            case RECIPROCAL -> 1 / x;
            case EXP -> Math.exp(x);
            case EXPM1 -> Math.expm1(x);
            case LOG -> Math.log(x);
            case LOG2 -> Math.log(x) / Math.log(2);
            case LOG10 -> Math.log10(x);
            case LOG1P -> Math.log1p(x);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TAN -> Math.tan(x);
            case ARCSIN -> Math.asin(x);
            case ARCCOS -> Math.acos(x);
            case ARCTAN -> Math.atan(x);
            case SINH -> Math.sinh(x);
            case COSH -> Math.cosh(x);
            case TANH -> Math.tanh(x);
            case ARCSINH -> refAsinh(x);
            case ARCCOSH -> x < 1 ? Double.NaN : x > 1e150 ? Math.log(x) + Math.log(2) : Math.log1p((x - 1) + Math.sqrt((x - 1) * (x + 1)));
            case ARCTANH -> Math.abs(x) > 1 ? Double.NaN : Math.copySign(0.5 * Math.log1p(2 * Math.abs(x) / (1 - Math.abs(x))), x);
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
            case TRUNC -> x < 0 ? Math.ceil(x) : Math.floor(x);
            case ROUND -> Math.rint(x);
            case ERF -> refErf(x);
            case ERFINV -> refErfinv(x);
            case SIGMOID -> x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
            case LOGICAL_NOT -> x == 0 ? 1 : 0;
            case ISNAN -> Double.isNaN(x) ? 1 : 0;
            case ISINF -> Double.isInfinite(x) ? 1 : 0;
            case ISFINITE -> Double.isFinite(x) ? 1 : 0;
            case REAL, CONJUGATE -> x;
            case IMAG -> 0;
            case BITWISE_INVERT -> throw new AssertionError();
        };
    }

    static double refAsinh(double x) {
        double a = Math.abs(x);
        double r = a < 1e-4 ? a - a * a * a / 6 : a > 1e150 ? Math.log(a) + Math.log(2) : Math.log(a + Math.sqrt(a * a + 1));
        if (a >= 1e-4 && a < 0.5) r = Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
        return Math.copySign(r, x);
    }

    /** Taylor series below 2, continued fraction for erfc above: independent of the kernel's fits. */
    static double refErf(double x) {
        if (Double.isNaN(x)) return x;
        double a = Math.abs(x);
        if (a < 2) {
            double s = 0, t = a;
            for (int n = 0; n < 200; n++) {
                double term = t / (2 * n + 1);
                s += term;
                if (Math.abs(term) <= 1e-18 * Math.abs(s)) break;
                t *= -a * a / (n + 1);
            }
            return Math.copySign(2 / Math.sqrt(Math.PI) * s, x);
        }
        if (a > 7) return Math.copySign(1, x);
        double f = a;
        for (int k = 300; k >= 1; k--) f = a + (k / 2.0) / f;
        return Math.copySign(1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / f, x);
    }

    static double refErfinv(double y) {
        if (Double.isNaN(y) || Math.abs(y) > 1) return Double.NaN;
        if (Math.abs(y) == 1) return Math.copySign(Double.POSITIVE_INFINITY, y);
        if (y == 0) return y;
        // bisect on erfc(x) = 1 - |y| (exact for |y| >= 0.5), which stays well conditioned near +-1
        double a = Math.abs(y), target = 1 - a, lo = 0, hi = 7;
        for (int i = 0; i < 2000; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) break;
            if (a < 0.5 ? refErf(mid) < a : refErfc(mid) > target) lo = mid; else hi = mid;
        }
        return Math.copySign(0.5 * (lo + hi), y);
    }

    static double refErfc(double a) {
        if (a < 2) return 1 - refErf(a);
        double f = a;
        for (int k = 300; k >= 1; k--) f = a + (k / 2.0) / f;
        return Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
    }

    static void checkFloat(UnaryOp op, DType inType, DType outT, double x, double got, String where) {
        double want = ref(op, x);
        String msg = op + " " + inType.mlxName() + " x=" + x + " " + where;
        if (Double.isNaN(want)) {
            assertThat(Double.isNaN(got)).as(msg + " want NaN got " + got).isTrue();
        } else if (Double.isInfinite(want) || Math.abs(want) > maxFinite(outT)) {
            if (Double.isInfinite(got)) assertThat(Math.signum(got)).as(msg).isEqualTo(Math.signum(want));
            else assertThat(Math.abs(got)).as(msg + " got " + got).isGreaterThanOrEqualTo(maxFinite(outT) * 0.99);
        } else {
            double tol = tolUlps(op, outT) * ulpOf(outT, want);
            if (outT == DType.FLOAT32) tol = Math.max(tol, 4 * Float.MIN_VALUE);
            assertThat(Math.abs(got - want)).as(msg + " want " + want + " got " + got).isLessThanOrEqualTo(tol);
        }
    }

    static void fillRandom(UnaryOp op, DType t, MemorySegment s, int n, Random r) {
        for (int i = 0; i < n; i++) {
            if (t == DType.COMPLEX64) ElementAccess.setComplex(s, i, (float) sample(op, DType.FLOAT32, r), (float) sample(op, DType.FLOAT32, r));
            else if (t == DType.BOOL) ElementAccess.setLong(s, t, i, r.nextInt(3) == 0 ? 0 : 1);
            else if (t.isInteger()) ElementAccess.setLong(s, t, i, i < INT_EDGES.length ? INT_EDGES[i] : r.nextLong() >> r.nextInt(64));
            else ElementAccess.setDouble(s, t, i, sample(op, t, r));
        }
    }

    private static final long[] INT_EDGES = {0, 1, -1, 127, -128, 255, 32767, -32768, 65535, Integer.MAX_VALUE,
            Integer.MIN_VALUE, 0xffffffffL, Long.MAX_VALUE, Long.MIN_VALUE, 3, -7};

    static long expectedInt(UnaryOp op, DType t, long x) {
        boolean unsigned = t.isUnsignedInteger() || t == DType.BOOL;
        return switch (op) {
            case ABS -> unsigned ? x : Math.abs(x);
            case NEGATIVE -> -x;
            case SIGN -> unsigned ? (x != 0 ? 1 : 0) : Long.signum(x);
            case SQUARE -> x * x;
            case BITWISE_INVERT -> t == DType.BOOL ? (x == 0 ? 1 : 0) : ~x;
            case FLOOR, CEIL, ROUND, TRUNC, REAL, CONJUGATE -> x;
            case IMAG, ISNAN, ISINF -> 0;
            case ISFINITE -> 1;
            case LOGICAL_NOT -> x == 0 ? 1 : 0;
            default -> throw new AssertionError(op);
        };
    }

    static long wrap(DType t, long v) {
        return switch (t.size()) {
            case 1 -> t == DType.BOOL ? (v != 0 ? 1 : 0) : t.isUnsignedInteger() ? v & 0xff : (byte) v;
            case 2 -> t.isUnsignedInteger() ? v & 0xffff : (short) v;
            case 4 -> t.isUnsignedInteger() ? v & 0xffffffffL : (int) v;
            default -> v;
        };
    }

    static Stream<Arguments> allOpsAndTypes() {
        List<Arguments> list = new ArrayList<>();
        for (UnaryOp op : UnaryOp.values()) for (DType t : DType.values()) list.add(Arguments.of(op, t));
        return list.stream();
    }

    // ---------- every op x dtype ----------

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("allOpsAndTypes")
    void everyOpAndDtypeMatchesReference(UnaryOp op, DType t) {
        int n = 1037; // odd: exercises the vector tail
        MemorySegment in = alloc(n, t);
        Random r = new Random(31L * op.ordinal() + t.ordinal());
        fillRandom(op, t, in, n, r);
        StridedView iv = view(in, t, n);
        if (!supported(op, t)) {
            MemorySegment out = alloc(n, t);
            assertThatThrownBy(() -> UnaryKernels.apply(op, iv, view(out, t, n)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(op.opName()).hasMessageContaining(t.mlxName());
            return;
        }
        DType ot = outType(op, t);
        MemorySegment out = run(op, iv);
        for (int i = 0; i < n; i++) {
            if (t == DType.COMPLEX64) {
                checkComplex(op, in, out, i);
            } else if (t.isInteger() || t == DType.BOOL) {
                long x = ElementAccess.getLong(in, t, i);
                long want = wrap(ot, expectedInt(op, t, x));
                long got = wrap(ot, ElementAccess.getLong(out, ot, i));
                assertThat(got).as(op + " " + t.mlxName() + " x=" + x).isEqualTo(want);
            } else {
                double x = ElementAccess.getDouble(in, t, i);
                checkFloat(op, t, ot, x, ElementAccess.getDouble(out, ot, i), "i=" + i);
            }
        }
    }

    static void checkComplex(UnaryOp op, MemorySegment in, MemorySegment out, int i) {
        double re = ElementAccess.getDouble(in, DType.COMPLEX64, i), im = ElementAccess.getImag(in, DType.COMPLEX64, i);
        String msg = op + " complex64 (" + re + ", " + im + ")";
        if (op.isPredicate()) {
            boolean want = switch (op) {
                case ISNAN -> Double.isNaN(re) || Double.isNaN(im);
                case ISINF -> Double.isInfinite(re) || Double.isInfinite(im);
                case ISFINITE -> Double.isFinite(re) && Double.isFinite(im);
                default -> re == 0 && im == 0;
            };
            assertThat(ElementAccess.getLong(out, DType.BOOL, i)).as(msg).isEqualTo(want ? 1 : 0);
            return;
        }
        if (op == UnaryOp.REAL || op == UnaryOp.IMAG) {
            assertThat(ElementAccess.getDouble(out, DType.FLOAT32, i)).as(msg).isEqualTo(op == UnaryOp.REAL ? re : im);
            return;
        }
        double[] want = complexRef(op, re, im);
        double gr = ElementAccess.getDouble(out, DType.COMPLEX64, i), gi = ElementAccess.getImag(out, DType.COMPLEX64, i);
        double scale = Math.hypot(want[0], want[1]);
        if (!Double.isFinite(scale)) return;
        assertThat(Math.hypot(gr - want[0], gi - want[1])).as(msg + " want " + want[0] + "," + want[1] + " got " + gr + "," + gi)
                .isLessThanOrEqualTo(4e-7 * scale + 1e-30);
    }

    /** Textbook complex formulas in double (the kernel uses guarded variants of some of them). */
    static double[] complexRef(UnaryOp op, double a, double b) {
        double r = Math.hypot(a, b), th = Math.atan2(b, a);
        return switch (op) {
            case NEGATIVE -> new double[] {-a, -b};
            case CONJUGATE -> new double[] {a, -b};
            case ABS -> new double[] {r, 0};
            case SIGN -> r == 0 ? new double[] {0, 0} : new double[] {a / r, b / r};
            case SQUARE -> new double[] {a * a - b * b, 2 * a * b};
            case ROUND -> new double[] {Math.rint(a), Math.rint(b)};
            case RECIPROCAL -> new double[] {a / (r * r), -b / (r * r)};
            case SQRT -> new double[] {Math.sqrt(r) * Math.cos(th / 2), Math.sqrt(r) * Math.sin(th / 2)};
            case RSQRT -> new double[] {Math.cos(-th / 2) / Math.sqrt(r), Math.sin(-th / 2) / Math.sqrt(r)};
            case EXP -> new double[] {Math.exp(a) * Math.cos(b), Math.exp(a) * Math.sin(b)};
            case LOG -> new double[] {Math.log(r), th};
            case LOG2 -> new double[] {Math.log(r) / Math.log(2), th / Math.log(2)};
            case LOG10 -> new double[] {Math.log(r) / Math.log(10), th / Math.log(10)};
            case SIN -> new double[] {Math.sin(a) * Math.cosh(b), Math.cos(a) * Math.sinh(b)};
            case COS -> new double[] {Math.cos(a) * Math.cosh(b), -Math.sin(a) * Math.sinh(b)};
            case SINH -> new double[] {Math.sinh(a) * Math.cos(b), Math.cosh(a) * Math.sin(b)};
            case COSH -> new double[] {Math.cosh(a) * Math.cos(b), Math.sinh(a) * Math.sin(b)};
            case TAN, TANH -> {
                double[] s = complexRef(op == UnaryOp.TAN ? UnaryOp.SIN : UnaryOp.SINH, a, b);
                double[] c = complexRef(op == UnaryOp.TAN ? UnaryOp.COS : UnaryOp.COSH, a, b);
                double d = c[0] * c[0] + c[1] * c[1];
                yield new double[] {(s[0] * c[0] + s[1] * c[1]) / d, (s[1] * c[0] - s[0] * c[1]) / d};
            }
            default -> throw new AssertionError(op);
        };
    }

    // ---------- special values ----------

    static Stream<Arguments> floatOpsAndTypes() {
        List<Arguments> list = new ArrayList<>();
        for (UnaryOp op : UnaryOp.values())
            for (DType t : List.of(DType.FLOAT16, DType.BFLOAT16, DType.FLOAT32, DType.FLOAT64))
                if (op != UnaryOp.BITWISE_INVERT) list.add(Arguments.of(op, t));
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("floatOpsAndTypes")
    void specialValues(UnaryOp op, DType t) {
        double[] xs = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1e30, -1e30, 1e300,
                1e-30, -1e-30, 1e-310, 1, -1, 0.5, -0.5, 2.5, -2.5, 3e4, -3e4, 88.5, -88.5, 100, -100, 1e-5, 0.999, -0.999};
        int n = xs.length;
        MemorySegment in = alloc(n, t);
        for (int i = 0; i < n; i++) ElementAccess.setDouble(in, t, i, xs[i]);
        DType ot = outType(op, t);
        MemorySegment out = run(op, view(in, t, n));
        for (int i = 0; i < n; i++) {
            double x = ElementAccess.getDouble(in, t, i);
            checkFloat(op, t, ot, x, ElementAccess.getDouble(out, ot, i), "special");
        }
    }

    static double one(UnaryOp op, DType t, double x) {
        MemorySegment in = alloc(1, t);
        ElementAccess.setDouble(in, t, 0, x);
        return ElementAccess.getDouble(run(op, view(in, t, 1)), outType(op, t), 0);
    }

    @Test
    void signedZerosAndHandPickedValues() {
        for (DType t : List.of(DType.FLOAT16, DType.BFLOAT16, DType.FLOAT32, DType.FLOAT64)) {
            String m = t.mlxName();
            assertThat(Double.doubleToRawLongBits(one(UnaryOp.NEGATIVE, t, 0.0))).as(m).isEqualTo(Double.doubleToRawLongBits(-0.0));
            assertThat(Double.doubleToRawLongBits(one(UnaryOp.ABS, t, -0.0))).as(m).isEqualTo(0L);
            assertThat(Double.doubleToRawLongBits(one(UnaryOp.SIGN, t, -0.0))).as(m).isEqualTo(0L);
            assertThat(one(UnaryOp.SIGN, t, Double.NaN)).as(m).isEqualTo(0.0); // MLX: (x > 0) - (x < 0)
            assertThat(one(UnaryOp.SIGN, t, -3)).as(m).isEqualTo(-1);
            assertThat(Double.doubleToRawLongBits(one(UnaryOp.FLOOR, t, -0.0))).as(m).isEqualTo(Double.doubleToRawLongBits(-0.0));
            assertThat(Double.doubleToRawLongBits(one(UnaryOp.CEIL, t, -0.5))).as(m).isEqualTo(Double.doubleToRawLongBits(-0.0));
            assertThat(Double.doubleToRawLongBits(one(UnaryOp.ROUND, t, -0.25))).as(m).isEqualTo(Double.doubleToRawLongBits(-0.0));
            assertThat(Double.doubleToRawLongBits(one(UnaryOp.ERF, t, -0.0))).as(m).isEqualTo(Double.doubleToRawLongBits(-0.0));
            assertThat(Double.doubleToRawLongBits(one(UnaryOp.ARCSINH, t, -0.0))).as(m).isEqualTo(Double.doubleToRawLongBits(-0.0));
            assertThat(Double.doubleToRawLongBits(one(UnaryOp.ARCTANH, t, -0.0))).as(m).isEqualTo(Double.doubleToRawLongBits(-0.0));
            assertThat(Double.doubleToRawLongBits(one(UnaryOp.ERFINV, t, -0.0))).as(m).isEqualTo(Double.doubleToRawLongBits(-0.0));
            // round half to even, as NumPy and MLX
            double[][] ties = {{0.5, 0}, {1.5, 2}, {2.5, 2}, {3.5, 4}, {-0.5, -0.0}, {-1.5, -2}, {-2.5, -2}, {7.5, 8}};
            for (double[] c : ties) assertThat(one(UnaryOp.ROUND, t, c[0])).as(m + " round " + c[0]).isEqualTo(c[1]);
            assertThat(one(UnaryOp.FLOOR, t, -1.5)).isEqualTo(-2);
            assertThat(one(UnaryOp.CEIL, t, -1.5)).isEqualTo(-1);
            assertThat(one(UnaryOp.TRUNC, t, -1.5)).isEqualTo(-1);
            assertThat(one(UnaryOp.TRUNC, t, 2.75)).isEqualTo(2);
            assertThat(Double.doubleToRawLongBits(one(UnaryOp.TRUNC, t, -0.5))).as(m).isEqualTo(Double.doubleToRawLongBits(-0.0));
            assertThat(one(UnaryOp.ERFINV, t, 1)).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(one(UnaryOp.ERFINV, t, -1)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(one(UnaryOp.ERFINV, t, 1.5)).isNaN();
            assertThat(one(UnaryOp.ARCCOSH, t, 0.5)).isNaN();
            assertThat(one(UnaryOp.ARCTANH, t, 1)).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(one(UnaryOp.LOG2, t, 8)).isEqualTo(3);
            assertThat(one(UnaryOp.LOG2, t, 0.25)).isEqualTo(-2);
            assertThat(one(UnaryOp.LOG2, t, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(one(UnaryOp.LOGICAL_NOT, t, -0.0)).isEqualTo(1);
            assertThat(one(UnaryOp.LOGICAL_NOT, t, Double.NaN)).isEqualTo(0);
        }
        // log2 is exact at every power of two, subnormals included
        for (int e = -1074; e <= 1023; e += 7) assertThat(one(UnaryOp.LOG2, DType.FLOAT64, Math.scalb(1.0, e))).isEqualTo(e);
        for (int e = -149; e <= 127; e += 3) assertThat(one(UnaryOp.LOG2, DType.FLOAT32, Math.scalb(1.0, e))).isEqualTo(e);
    }

    @Test
    void sigmoidIsStableForLargeMagnitudes() {
        assertThat(one(UnaryOp.SIGMOID, DType.FLOAT32, 100)).isEqualTo(1.0);
        assertThat(one(UnaryOp.SIGMOID, DType.FLOAT32, -100)).isCloseTo(Math.exp(-100), org.assertj.core.data.Offset.offset(1e-45));
        assertThat(one(UnaryOp.SIGMOID, DType.FLOAT32, -80)).isCloseTo(Math.exp(-80), org.assertj.core.data.Percentage.withPercentage(1e-4));
        assertThat(one(UnaryOp.SIGMOID, DType.FLOAT64, -700)).isCloseTo(Math.exp(-700), org.assertj.core.data.Percentage.withPercentage(1e-10));
        assertThat(one(UnaryOp.SIGMOID, DType.FLOAT64, -1e308)).isEqualTo(0.0);
        assertThat(one(UnaryOp.SIGMOID, DType.FLOAT64, 1e308)).isEqualTo(1.0);
        assertThat(one(UnaryOp.SIGMOID, DType.FLOAT16, -15)).isGreaterThan(0); // 3e-7, a float16 subnormal
    }

    // ---------- special-function tables (mpmath, 40 digits) ----------

    @Test
    void erfErfinvAndInverseHyperbolicsMatchMpmath() {
        checkTable(UnaryOp.ERF, ERF_TABLE, 2);
        checkTable(UnaryOp.ERFINV, ERFINV_TABLE, 4);
        checkTable(UnaryOp.ARCSINH, ASINH_TABLE, 4);
        checkTable(UnaryOp.ARCCOSH, ACOSH_TABLE, 4);
        checkTable(UnaryOp.ARCTANH, ATANH_TABLE, 4);
        for (double[] row : ERFINV32_TABLE) {
            double got = one(UnaryOp.ERFINV, DType.FLOAT32, row[0]);
            assertThat(Math.abs(got - row[1])).as("erfinv float32 " + row[0]).isLessThanOrEqualTo(Math.ulp((float) row[1]));
        }
        for (double[][] table : List.of(ERF_TABLE, ASINH_TABLE, ATANH_TABLE)) {
            for (double[] row : table) {
                if (Math.abs(row[0]) > 3e38 || Math.abs(row[1]) < 1e-38 || Math.abs((float) row[0]) == 1f) continue;
                double got = one(table == ERF_TABLE ? UnaryOp.ERF : table == ASINH_TABLE ? UnaryOp.ARCSINH : UnaryOp.ARCTANH,
                        DType.FLOAT32, (float) row[0]);
                double want = table == ERF_TABLE ? refErf((float) row[0]) : ref(table == ASINH_TABLE ? UnaryOp.ARCSINH : UnaryOp.ARCTANH, (float) row[0]);
                assertThat(Math.abs(got - want)).as("float32 " + row[0]).isLessThanOrEqualTo(3 * Math.ulp((float) want));
            }
        }
    }

    static void checkTable(UnaryOp op, double[][] table, double ulps) {
        MemorySegment in = alloc(table.length, DType.FLOAT64);
        for (int i = 0; i < table.length; i++) ElementAccess.setDouble(in, DType.FLOAT64, i, table[i][0]);
        MemorySegment out = run(op, view(in, DType.FLOAT64, table.length));
        for (int i = 0; i < table.length; i++) {
            double got = ElementAccess.getDouble(out, DType.FLOAT64, i);
            assertThat(Math.abs(got - table[i][1])).as(op + " " + table[i][0] + " got " + got + " want " + table[i][1])
                    .isLessThanOrEqualTo(ulps * Math.ulp(table[i][1]));
        }
    }

    @Test
    void complexMatchesNumpy() {
        int n = Z_IN.length;
        MemorySegment in = alloc(n, DType.COMPLEX64);
        for (int i = 0; i < n; i++) ElementAccess.setComplex(in, i, (float) Z_IN[i][0], (float) Z_IN[i][1]);
        for (var e : Z_OUT.entrySet()) {
            MemorySegment out = run(e.getKey(), view(in, DType.COMPLEX64, n));
            for (int i = 0; i < n; i++) {
                double[] want = e.getValue()[i];
                double gr = ElementAccess.getDouble(out, DType.COMPLEX64, i), gi = ElementAccess.getImag(out, DType.COMPLEX64, i);
                double tol = 3e-7 * Math.hypot(want[0], want[1]);
                assertThat(Math.abs(gr - want[0])).as(e.getKey() + " re " + i).isLessThanOrEqualTo(tol);
                assertThat(Math.abs(gi - want[1])).as(e.getKey() + " im " + i).isLessThanOrEqualTo(tol);
            }
        }
        MemorySegment in2 = alloc(3, DType.COMPLEX64);
        ElementAccess.setComplex(in2, 0, 0, 0);
        ElementAccess.setComplex(in2, 1, Float.NaN, 1);
        ElementAccess.setComplex(in2, 2, 1, Float.NEGATIVE_INFINITY);
        MemorySegment nan = run(UnaryOp.ISNAN, view(in2, DType.COMPLEX64, 3));
        MemorySegment inf = run(UnaryOp.ISINF, view(in2, DType.COMPLEX64, 3));
        MemorySegment not = run(UnaryOp.LOGICAL_NOT, view(in2, DType.COMPLEX64, 3));
        assertThat(new long[] {nan.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0), nan.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 1),
                nan.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 2)}).containsExactly(0, 1, 0);
        assertThat(inf.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 2)).isEqualTo((byte) 1);
        assertThat(not.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 1);
        assertThat(not.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 1)).isEqualTo((byte) 0);
        MemorySegment sign0 = run(UnaryOp.SIGN, view(in2, DType.COMPLEX64, 1));
        assertThat(ElementAccess.getDouble(sign0, DType.COMPLEX64, 0)).isEqualTo(0.0);
    }

    // ---------- integers ----------

    @Test
    void integerEdgeCasesWrapAsInC() {
        assertThat(intOp(UnaryOp.ABS, DType.INT8, -128)).isEqualTo(-128);
        assertThat(intOp(UnaryOp.NEGATIVE, DType.INT8, -128)).isEqualTo(-128);
        assertThat(intOp(UnaryOp.NEGATIVE, DType.UINT8, 1)).isEqualTo(255);
        assertThat(intOp(UnaryOp.NEGATIVE, DType.UINT32, 1)).isEqualTo(0xffffffffL);
        assertThat(intOp(UnaryOp.NEGATIVE, DType.UINT64, 2)).isEqualTo(-2L);
        assertThat(intOp(UnaryOp.SIGN, DType.UINT16, 40000)).isEqualTo(1);
        assertThat(intOp(UnaryOp.SIGN, DType.UINT8, 0)).isEqualTo(0);
        assertThat(intOp(UnaryOp.SIGN, DType.INT16, -300)).isEqualTo(-1);
        assertThat(intOp(UnaryOp.SIGN, DType.UINT64, -1)).isEqualTo(1);
        assertThat(intOp(UnaryOp.SQUARE, DType.INT8, 16)).isEqualTo(0);
        assertThat(intOp(UnaryOp.SQUARE, DType.UINT8, 15)).isEqualTo(225);
        assertThat(intOp(UnaryOp.SQUARE, DType.INT32, 65536)).isEqualTo(0);
        assertThat(intOp(UnaryOp.SQUARE, DType.INT16, 200)).isEqualTo((short) 40000);
        assertThat(intOp(UnaryOp.BITWISE_INVERT, DType.UINT8, 0)).isEqualTo(255);
        assertThat(intOp(UnaryOp.BITWISE_INVERT, DType.INT32, 5)).isEqualTo(-6);
        assertThat(intOp(UnaryOp.BITWISE_INVERT, DType.BOOL, 1)).isEqualTo(0);
        assertThat(intOp(UnaryOp.BITWISE_INVERT, DType.BOOL, 0)).isEqualTo(1);
        assertThat(intOp(UnaryOp.LOGICAL_NOT, DType.INT64, Long.MIN_VALUE)).isEqualTo(0);
        assertThat(intOp(UnaryOp.LOGICAL_NOT, DType.UINT16, 0)).isEqualTo(1);
        assertThat(intOp(UnaryOp.ISFINITE, DType.INT32, 7)).isEqualTo(1);
        assertThat(intOp(UnaryOp.ISNAN, DType.INT32, 7)).isEqualTo(0);
        assertThat(intOp(UnaryOp.ROUND, DType.INT32, -7)).isEqualTo(-7);
        assertThat(intOp(UnaryOp.ABS, DType.INT64, Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    }

    static long intOp(UnaryOp op, DType t, long x) {
        MemorySegment in = alloc(1, t);
        ElementAccess.setLong(in, t, 0, x);
        DType ot = outType(op, t);
        return ElementAccess.getLong(run(op, view(in, t, 1)), ot, 0);
    }

    // ---------- layouts ----------

    /** Copies the elements of a strided view to a contiguous buffer, byte for byte. */
    static MemorySegment gather(StridedView v) {
        int es = v.dtype().size();
        long n = v.size();
        MemorySegment out = alloc(n, v.dtype());
        int[] idx = new int[v.ndim()];
        for (long i = 0; i < n; i++) {
            long off = v.offset();
            for (int d = 0; d < idx.length; d++) off += idx[d] * v.strides()[d];
            MemorySegment.copy(v.segment(), off * es, out, i * es, es);
            for (int d = idx.length - 1; d >= 0; d--) {
                if (++idx[d] < v.shape()[d]) break;
                idx[d] = 0;
            }
        }
        return out;
    }

    static List<StridedView> layouts(MemorySegment base, DType t) {
        // base holds at least 4096 elements
        return List.of(
                new StridedView(base, 0, new int[] {37, 29}, new long[] {1, 37}, t),            // transpose
                new StridedView(base, 5, new int[] {9, 41}, new long[] {0, 1}, t),              // broadcast rows
                new StridedView(base, 3, new int[] {6, 7, 1}, new long[] {0, 0, 0}, t),        // scalar broadcast
                new StridedView(base, 40 * 50 - 1, new int[] {40, 50}, new long[] {-50, -1}, t), // reversed
                new StridedView(base, 11, new int[] {5, 6, 7}, new long[] {3, 105, 15}, t),     // permuted 3-D
                new StridedView(base, 100, new int[] {33, 3}, new long[] {7, 2}, t),            // gaps
                new StridedView(base, 17, new int[] {1, 300}, new long[] {9999, 1}, t));        // contiguous with offset
    }

    @Test
    void stridedBroadcastAndReversedInputsMatchContiguous() {
        Object[][] cases = {{UnaryOp.EXP, DType.FLOAT32}, {UnaryOp.SQRT, DType.FLOAT64}, {UnaryOp.NEGATIVE, DType.INT16},
                {UnaryOp.ABS, DType.FLOAT16}, {UnaryOp.TANH, DType.BFLOAT16}, {UnaryOp.LOG, DType.COMPLEX64},
                {UnaryOp.ISNAN, DType.FLOAT32}, {UnaryOp.IMAG, DType.COMPLEX64}, {UnaryOp.SIGN, DType.UINT8},
                {UnaryOp.FLOOR, DType.INT64}, {UnaryOp.ERF, DType.FLOAT32}, {UnaryOp.LOGICAL_NOT, DType.FLOAT64}};
        for (Object[] c : cases) {
            UnaryOp op = (UnaryOp) c[0];
            DType t = (DType) c[1];
            MemorySegment base = alloc(4096, t);
            fillRandom(op, t, base, 4096, new Random(7));
            for (StridedView v : layouts(base, t)) {
                MemorySegment strided = run(op, v);
                MemorySegment dense = run(op, view(gather(v), t, v.shape()));
                long bytes = v.size() * outType(op, t).size();
                assertThat(strided.asSlice(0, bytes).mismatch(dense.asSlice(0, bytes))).as(op + " " + t + " " + v).isEqualTo(-1L);
            }
        }
    }

    @Test
    void emptyAndSingleElementArrays() {
        MemorySegment none = alloc(0, DType.FLOAT32);
        UnaryKernels.apply(UnaryOp.EXP, view(none, DType.FLOAT32, 0), view(alloc(0, DType.FLOAT32), DType.FLOAT32, 0));
        UnaryKernels.apply(UnaryOp.ISNAN, view(none, DType.FLOAT32, 3, 0), view(alloc(0, DType.BOOL), DType.BOOL, 3, 0));
        MemorySegment s = alloc(1, DType.FLOAT64);
        ElementAccess.setDouble(s, DType.FLOAT64, 0, 2.0);
        MemorySegment out = alloc(1, DType.FLOAT64);
        UnaryKernels.apply(UnaryOp.SQUARE, view(s, DType.FLOAT64), view(out, DType.FLOAT64)); // rank 0
        assertThat(ElementAccess.getDouble(out, DType.FLOAT64, 0)).isEqualTo(4.0);
        UnaryKernels.apply(UnaryOp.EXP, new StridedView(s, 0, new int[] {1, 1}, new long[] {0, 0}, DType.FLOAT64),
                view(out, DType.FLOAT64, 1, 1));
        assertThat(ElementAccess.getDouble(out, DType.FLOAT64, 0)).isCloseTo(Math.exp(2), org.assertj.core.data.Offset.offset(1e-14));
    }

    @Test
    void largeArraysSplitAcrossThreadsGiveTheSameResults() {
        int n = 3 * (1 << 16) + 7;
        Random r = new Random(3);
        MemorySegment f = alloc(n, DType.FLOAT32);
        MemorySegment ints = alloc(n, DType.INT32);
        for (int i = 0; i < n; i++) {
            ElementAccess.setDouble(f, DType.FLOAT32, i, (r.nextDouble() - 0.5) * 40);
            ElementAccess.setLong(ints, DType.INT32, i, r.nextInt());
        }
        MemorySegment e = run(UnaryOp.EXP, view(f, DType.FLOAT32, n));
        MemorySegment neg = run(UnaryOp.NEGATIVE, view(ints, DType.INT32, n));
        for (int i = 0; i < n; i++) {
            double x = ElementAccess.getDouble(f, DType.FLOAT32, i);
            checkFloat(UnaryOp.EXP, DType.FLOAT32, DType.FLOAT32, x, ElementAccess.getDouble(e, DType.FLOAT32, i), "i=" + i);
            assertThat(ElementAccess.getLong(neg, DType.INT32, i)).isEqualTo((long) -(int) ElementAccess.getLong(ints, DType.INT32, i));
        }
        // transposed input, large enough to fan out
        int rows = 300, cols = 600;
        StridedView tv = new StridedView(f, 0, new int[] {rows, cols}, new long[] {1, rows}, DType.FLOAT32);
        MemorySegment sin = run(UnaryOp.SIN, tv);
        for (int i = 0; i < rows; i += 7) {
            for (int j = 0; j < cols; j += 3) {
                double x = ElementAccess.getDouble(f, DType.FLOAT32, i + (long) j * rows);
                checkFloat(UnaryOp.SIN, DType.FLOAT32, DType.FLOAT32, x, ElementAccess.getDouble(sin, DType.FLOAT32, (long) i * cols + j), "t");
            }
        }
    }

    @Test
    void inPlaceOnTheSameBufferWorks() {
        int n = 100;
        MemorySegment s = alloc(n, DType.FLOAT32);
        for (int i = 0; i < n; i++) ElementAccess.setDouble(s, DType.FLOAT32, i, i * 0.25);
        UnaryKernels.apply(UnaryOp.SQUARE, view(s, DType.FLOAT32, n), view(s, DType.FLOAT32, n));
        for (int i = 0; i < n; i++) assertThat(ElementAccess.getDouble(s, DType.FLOAT32, i)).isEqualTo(i * 0.25 * i * 0.25);
    }

    // ---------- bad input ----------

    @Test
    void badInputIsRejectedWithClearMessages() {
        MemorySegment f = alloc(6, DType.FLOAT32);
        assertThatThrownBy(() -> UnaryKernels.apply(UnaryOp.EXP, view(f, DType.FLOAT32, 6), view(alloc(6, DType.FLOAT64), DType.FLOAT64, 6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exp").hasMessageContaining("float64");
        assertThatThrownBy(() -> UnaryKernels.apply(UnaryOp.EXP, view(f, DType.FLOAT32, 2, 3), view(alloc(6, DType.FLOAT32), DType.FLOAT32, 3, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> UnaryKernels.apply(UnaryOp.ISNAN, view(f, DType.FLOAT32, 6), view(alloc(6, DType.FLOAT32), DType.FLOAT32, 6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bool");
        assertThatThrownBy(() -> UnaryKernels.apply(UnaryOp.NEGATIVE, view(alloc(6, DType.BOOL), DType.BOOL, 6), view(alloc(6, DType.BOOL), DType.BOOL, 6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative").hasMessageContaining("bool");
        assertThatThrownBy(() -> UnaryKernels.apply(UnaryOp.SIN, view(alloc(6, DType.INT32), DType.INT32, 6), view(alloc(6, DType.INT32), DType.INT32, 6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sin").hasMessageContaining("int32");
        StridedView notContiguous = new StridedView(alloc(12, DType.FLOAT32), 0, new int[] {2, 3}, new long[] {1, 2}, DType.FLOAT32);
        assertThatThrownBy(() -> UnaryKernels.apply(UnaryOp.EXP, view(f, DType.FLOAT32, 2, 3), notContiguous))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contiguous");
        assertThatThrownBy(() -> UnaryKernels.apply(UnaryOp.EXP, view(f, DType.FLOAT32, 6), view(alloc(2, DType.FLOAT32), DType.FLOAT32, 6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes");
    }
}
