package org.mlx4j.core.backend.cpu;

/**
 * Scalar special functions the JDK lacks (erf, erfc, erfinv, inverse hyperbolics, exact log2,
 * a stable sigmoid), in double precision. Float kernels call these and round, except where a
 * vector kernel has its own approximation: float32 erf in {@link UnaryFloat32} (float coefficients) and
 * float64 erf in {@link UnaryFloat64} (the coefficients here, lane by lane).
 *
 * <p>The polynomial coefficients are Chebyshev fits made with mpmath at 60 digits:
 * {@code erf(x)/x - 1} in {@code x^2} on [0, 1]; the scaled complementary function
 * {@code erfc(x) e^(x^2) x} in {@code u = 1/x} on [1/2, 1], [1/4, 1/2] and [0, 1/4] (each centred
 * on its midpoint); {@code erfinv(y)/y} in {@code w = -log(1-y^2)} on [0, 6.25] and in
 * {@code sqrt(w)} on [2.5, 6.1]. erf and erfc stay within 1 and 4 ulp of the true values; the
 * erfinv starting value (about 1e-8 relative) is polished with Halley steps on erf/erfc.
 */
public final class MathFunctions {
    private MathFunctions() {}

    static final double LN2 = 0.6931471805599453;
    static final double INV_LN2 = 1.4426950408889634;
    static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    static final double[] ERF_SMALL = {
        5.957176147748911e-11, -1.1372848856791674e-09, 1.4659775274047436e-08, -1.6350312701054695e-07,
        1.6461000484121368e-06, -1.4925595266831182e-05, 0.0001205533111164271, -0.000854832698083379,
        0.0052239776248180145, -0.026866170645076792, 0.11283791670954879, -0.3761263890318375,
        0.1283791670955126};
    // erfc(x) e^(x^2) x as a polynomial in (1/x - 0.75) for x in [1, 2]
    static final double[] ERFCX_NEAR = {
        0.008500423284605204, -0.010556802375723954, 0.008134458544602933, -0.005040716162282651,
        0.0003739482730826179, 0.00562928762149836, -0.011588228907642398, 0.01577213082610866,
        -0.016227455416039403, 0.011128906792626122, 0.000560811038250715, -0.018116937753375948,
        0.037688720011335074, -0.05046573525276596, 0.04029319974253184, 0.019347872628691625,
        -0.16908097778547482, 0.46817959203854037};
    // ... in (1/x - 0.375) for x in [2, 4]
    static final double[] ERFCX_MID = {
        2.250794863741262, -0.6417676967525566, -0.5397077751584088, 0.7860985133550394, -0.5550241054393262,
        0.17022463393802223, 0.13611544496946867, -0.2556841122593748, 0.19624233443063252,
        -0.03780807677774671, -0.11628192691707882, 0.17726803412785325, -0.09203998771158971,
        -0.15158552957415666, 0.530860349316975};
    // ... in (1/x - 0.125) for x >= 4
    static final double[] ERFCX_FAR = {
        1205.190977227726, 403.6280120831432, -439.7358106895387, 28.016887284098566, 74.94631517608825,
        -32.12715963392165, -3.7504079946374467, 8.80916585906495, -2.4991665935999463, -1.4157103469250432,
        1.315092964296486, -0.050364131205024074, -0.48903640829017836, 0.2273805505412561,
        0.17575154004212518, -0.24594346562624997, -0.06739860157050144, 0.5598813296070474};
    // erfinv(y)/y in (w - 3.125), w = -log(1 - y^2) < 6.25
    private static final double[] ERFINV_CENTRAL = {
        -1.2570814414523687e-11, 5.688216479117087e-12, 1.0363882341451174e-09, -4.752745619151995e-09,
        -2.895896037948332e-08, 4.2698513895053384e-07, -1.3658217507589212e-06, -1.389214124592301e-05,
        0.00018673466051691629, -0.0007406910325430195, -0.006033671032285515, 0.24015817844735166,
        1.6536545626831027};
    // erfinv(y)/y in (sqrt(w) - 4.3), w >= 6.25
    private static final double[] ERFINV_TAIL = {
        -1.8774899500916977e-07, 2.0942654023537403e-07, 2.401593037583415e-06, -5.818474591313923e-06,
        2.2802764505778445e-06, -1.324170423827724e-06, 2.0860078380231518e-05, -6.495066167876376e-05,
        0.00019602451958754445, -0.0005642966974603656, 0.0006247654233019181, 1.010044780802743,
        4.142724044720679};

    static double horner(double[] c, double v) {
        double r = c[0];
        for (int i = 1; i < c.length; i++) r = Math.fma(r, v, c[i]);
        return r;
    }

    /** The error function, within 1 ulp. */
    public static double erf(double x) {
        double a = Math.abs(x);
        if (a < 1) return Math.fma(x, horner(ERF_SMALL, x * x), x);
        if (Double.isNaN(x)) return x;
        if (a >= 6) return Math.copySign(1.0, x);
        return Math.copySign(1 - erfc(a), x);
    }

    /** The complementary error function 1 - erf(x), accurate in relative terms for large x. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) return x;
        if (x < 1) return x < -6 ? 2.0 : 1 - erf(x);
        if (x >= 27.3) return 0.0;
        double u = 1 / x;
        double h = u >= 0.5 ? horner(ERFCX_NEAR, u - 0.75)
                : u >= 0.25 ? horner(ERFCX_MID, u - 0.375)
                : horner(ERFCX_FAR, u - 0.125);
        return expMinusSquare(x) * (h * u);
    }

    /** exp(-x*x) without the error of rounding x*x first. */
    static double expMinusSquare(double x) {
        double hi = x * x;
        double lo = Math.fma(x, x, -hi);
        return Math.exp(-hi) * (1 - lo);
    }

    /** The inverse error function: NaN outside [-1, 1], +-inf at +-1, within a few ulp elsewhere. */
    public static double erfinv(double y) { return erfinv(y, 2); }

    /** erfinv rounded to float32 (one refinement step is enough at that precision). */
    public static float erfinv(float y) { return (float) erfinv(y, 1); }

    private static double erfinv(double y, int steps) {
        double a = Math.abs(y);
        if (!(a < 1)) return a == 1 ? Math.copySign(Double.POSITIVE_INFINITY, y) : Double.NaN;
        if (y == 0) return y;
        double w = -Math.log((1 - a) * (1 + a));
        double x = y * (w < 6.25 ? horner(ERFINV_CENTRAL, w - 3.125) : horner(ERFINV_TAIL, Math.sqrt(w) - 4.3));
        for (int i = 0; i < steps; i++) {
            // Halley on f(x) = erf(x) - y; near +-1 the residual comes from erfc so that 1 - |y| stays exact.
            double f = a <= 0.5 ? erf(x) - y
                    : y > 0 ? (1 - y) - erfc(x)
                    : erfc(-x) - (1 + y);
            double d = f / (TWO_OVER_SQRT_PI * expMinusSquare(x));
            x -= d / (1 + x * d);
        }
        return x;
    }

    /** Inverse hyperbolic sine, accurate for tiny and huge arguments. */
    public static double asinh(double x) {
        double a = Math.abs(x);
        double r;
        if (a > 0x1p28) r = Math.log(a) + LN2;
        else if (a > 2) r = Math.log(2 * a + 1 / (Math.sqrt(a * a + 1) + a));
        else if (a < 0x1p-28) r = a;
        else {
            double t = a * a;
            r = Math.log1p(a + t / (1 + Math.sqrt(1 + t)));
        }
        return Math.copySign(r, x);
    }

    /** Inverse hyperbolic cosine: NaN below 1. */
    public static double acosh(double x) {
        if (x < 1) return Double.NaN;
        if (x > 0x1p28) return Math.log(x) + LN2;
        if (x > 2) return Math.log(2 * x - 1 / (x + Math.sqrt(x * x - 1)));
        double t = x - 1;
        return Math.log1p(t + Math.sqrt(2 * t + t * t));
    }

    /** Inverse hyperbolic tangent: +-inf at +-1, NaN beyond. */
    public static double atanh(double x) {
        double a = Math.abs(x);
        if (a > 1) return Double.NaN;
        if (a == 1) return Math.copySign(Double.POSITIVE_INFINITY, x);
        double r = a < 0.5 ? 0.5 * Math.log1p(2 * a + 2 * a * a / (1 - a)) : 0.5 * Math.log1p(2 * a / (1 - a));
        return Math.copySign(r, x);
    }

    /** Base-2 logarithm, exact at powers of two. */
    public static double log2(double x) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) return Math.log(x) * INV_LN2;
        int e = Math.getExponent(x);
        if (e < Double.MIN_EXPONENT) { // subnormal
            x *= 0x1p54;
            e = Math.getExponent(x) - 54;
        }
        double m = Math.scalb(x, -Math.getExponent(x));
        if (m > 1.4142135623730951) {
            m *= 0.5;
            e++;
        }
        return e + Math.log(m) * INV_LN2;
    }

    /** 1 / (1 + e^-x), with no overflow for large |x|. */
    public static double sigmoid(double x) {
        if (x >= 0) return 1 / (1 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** MLX/NumPy sign: -1, 0 or 1 (+0.0 for both zeros), NaN for NaN. */
    /** MLX's sign: (x > 0) - (x < 0), so NaN and -0.0 give +0. */
    public static double sign(double x) { return x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0; }
}
