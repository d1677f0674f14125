package org.mlx4j.core.backend.cpu;

/**
 * Pure-Java eigendecomposition of one general row-major float64 matrix: Householder reduction to Hessenberg
 * form, shifted complex QR (Wilkinson shifts, Givens rotations) for the eigenvalues, and complex inverse
 * iteration on the original matrix for each eigenvector (unit norm, largest component real, as LAPACK scales
 * them). Eigenvalues come in the order QR deflates them.
 */
final class LinalgJavaEig {
    private static final double EPS = 0x1p-52;
    private static final int MAX_ITERATIONS = 60;

    private LinalgJavaEig() {}

    /** Eigenvalues {@code wr + i wi} of the {@code n x n} matrix {@code a} and, when {@code vr} is not null, vectors in LAPACK's real encoding. */
    static void eig(String op, double[] a, int n, double[] wr, double[] wi, double[] vr) {
        double[] original = a.clone();
        double[] hr = hessenberg(a.clone(), n), hi = new double[n * n];
        qr(op, hr, hi, n);
        for (int i = 0; i < n; i++) {
            wr[i] = hr[i * n + i];
            wi[i] = hi[i * n + i];
        }
        double scale = 0;
        for (double v : original) scale = Math.max(scale, Math.abs(v));
        pairConjugates(wr, wi, n, scale);
        if (vr == null) return;
        for (int j = 0; j < n; j++) {
            if (wi[j] < 0) continue; // the second of a pair shares the first's columns
            double[][] x = inverseIteration(original, n, wr[j], wi[j], scale);
            for (int i = 0; i < n; i++) {
                vr[i * n + j] = x[0][i];
                if (wi[j] > 0 && j + 1 < n) vr[i * n + j + 1] = x[1][i];
            }
        }
    }

    /** Real input: eigenvalues with a negligible imaginary part become real, the others conjugate pairs (positive first). */
    private static void pairConjugates(double[] wr, double[] wi, int n, double scale) {
        double tol = 1e3 * n * EPS * Math.max(scale, Double.MIN_NORMAL);
        boolean[] used = new boolean[n];
        double[] r = new double[n], im = new double[n];
        int out = 0;
        for (int j = 0; j < n; j++) {
            if (used[j]) continue;
            used[j] = true;
            if (Math.abs(wi[j]) <= tol) {
                r[out] = wr[j];
                im[out++] = 0;
                continue;
            }
            int best = -1;
            double dist = Double.POSITIVE_INFINITY;
            for (int q = j + 1; q < n; q++) {
                if (used[q]) continue;
                double d = Math.hypot(wr[q] - wr[j], wi[q] + wi[j]);
                if (d < dist) {
                    dist = d;
                    best = q;
                }
            }
            double re = best < 0 ? wr[j] : 0.5 * (wr[j] + wr[best]);
            double imag = best < 0 ? Math.abs(wi[j]) : 0.5 * (Math.abs(wi[j]) + Math.abs(wi[best]));
            if (best >= 0) used[best] = true;
            r[out] = re;
            im[out++] = imag;
            if (best >= 0) {
                r[out] = re;
                im[out++] = -imag;
            }
        }
        System.arraycopy(r, 0, wr, 0, n);
        System.arraycopy(im, 0, wi, 0, n);
    }

    /** Upper Hessenberg form of {@code a} by Householder similarity transforms (in place, returned). */
    private static double[] hessenberg(double[] a, int n) {
        for (int j = 0; j < n - 2; j++) {
            int len = n - j - 1;
            double[] v = new double[len];
            double below = 0;
            for (int i = 0; i < len; i++) {
                v[i] = a[(j + 1 + i) * n + j];
                if (i > 0) below += v[i] * v[i];
            }
            if (below == 0) continue;
            double norm = Math.sqrt(below + v[0] * v[0]);
            v[0] += v[0] > 0 ? norm : -norm;
            double vn = Math.sqrt(below + v[0] * v[0]);
            for (int i = 0; i < len; i++) v[i] /= vn;
            LinalgJavaQr.reflect(v, a, j + 1, n, 0); // rows j+1..: H a
            for (int r = 0; r < n; r++) { // columns j+1..: a H
                double dot = 0;
                for (int i = 0; i < len; i++) dot += a[r * n + j + 1 + i] * v[i];
                dot *= 2;
                for (int i = 0; i < len; i++) a[r * n + j + 1 + i] -= dot * v[i];
            }
            for (int i = j + 2; i < n; i++) a[i * n + j] = 0;
        }
        return a;
    }

    /** Shifted complex QR on the Hessenberg matrix {@code hr + i hi} until it is upper triangular (eigenvalues on the diagonal). */
    private static void qr(String op, double[] hr, double[] hi, int n) {
        int high = n - 1, iterations = 0;
        while (high > 0) {
            int low = high;
            while (low > 0) {
                double sub = Math.hypot(hr[low * n + low - 1], hi[low * n + low - 1]);
                double diag = Math.hypot(hr[low * n + low], hi[low * n + low]) + Math.hypot(hr[(low - 1) * n + low - 1], hi[(low - 1) * n + low - 1]);
                if (sub <= EPS * Math.max(diag, Double.MIN_NORMAL)) {
                    hr[low * n + low - 1] = 0;
                    hi[low * n + low - 1] = 0;
                    break;
                }
                low--;
            }
            if (low == high) {
                high--;
                iterations = 0;
                continue;
            }
            if (++iterations > MAX_ITERATIONS * n) throw new IllegalArgumentException(op + ": the QR iteration did not converge");
            double[] mu = iterations % 11 == 10 ? exceptionalShift(hr, hi, n, high) : wilkinson(hr, hi, n, high);
            step(hr, hi, n, low, high, mu[0], mu[1]);
        }
    }

    private static double[] exceptionalShift(double[] hr, double[] hi, int n, int high) {
        double s = Math.hypot(hr[high * n + high - 1], hi[high * n + high - 1]);
        return new double[] {hr[high * n + high] + 0.75 * s, hi[high * n + high]};
    }

    /** The eigenvalue of the trailing 2x2 block closest to its last diagonal element. */
    private static double[] wilkinson(double[] hr, double[] hi, int n, int h) {
        double ar = hr[(h - 1) * n + h - 1], ai = hi[(h - 1) * n + h - 1], br = hr[(h - 1) * n + h], bi = hi[(h - 1) * n + h];
        double cr = hr[h * n + h - 1], ci = hi[h * n + h - 1], dr = hr[h * n + h], di = hi[h * n + h];
        double tr = 0.5 * (ar - dr), ti = 0.5 * (ai - di); // eigenvalues: (a+d)/2 +- sqrt(((a-d)/2)^2 + bc)
        double qr = tr * tr - ti * ti + (br * cr - bi * ci), qi = 2 * tr * ti + (br * ci + bi * cr);
        double mod = Math.hypot(qr, qi);
        double sr = Math.sqrt(Math.max(0, 0.5 * (mod + qr))), si = Math.copySign(Math.sqrt(Math.max(0, 0.5 * (mod - qr))), qi);
        double mr = 0.5 * (ar + dr), mi = 0.5 * (ai + di);
        double e1r = mr + sr, e1i = mi + si, e2r = mr - sr, e2i = mi - si;
        return Math.hypot(e1r - dr, e1i - di) <= Math.hypot(e2r - dr, e2i - di) ? new double[] {e1r, e1i} : new double[] {e2r, e2i};
    }

    /** One QR step on rows/columns {@code low..high}: {@code H - mu I = Q R}, {@code H <- R Q + mu I}, by Givens rotations. */
    private static void step(double[] hr, double[] hi, int n, int low, int high, double mur, double mui) {
        for (int i = low; i <= high; i++) {
            hr[i * n + i] -= mur;
            hi[i * n + i] -= mui;
        }
        int count = high - low;
        double[] cs = new double[count], sr = new double[count], si = new double[count];
        for (int k = low; k < high; k++) { // left rotations zero the subdiagonal
            double xr = hr[k * n + k], xi = hi[k * n + k], yr = hr[(k + 1) * n + k], yi = hi[(k + 1) * n + k];
            double norm = Math.sqrt(xr * xr + xi * xi + yr * yr + yi * yi);
            double c, gr, gi;
            if (norm == 0) {
                c = 1;
                gr = 0;
                gi = 0;
            } else {
                double ax = Math.hypot(xr, xi);
                if (ax == 0) {
                    c = 0;
                    gr = yr / norm; // s = conj(y) / |y| with x = 0 handled below
                    gi = -yi / norm;
                } else {
                    c = ax / norm;
                    // s = (x / |x|) conj(y) / norm
                    double ur = xr / ax, ui = xi / ax;
                    gr = (ur * yr + ui * yi) / norm;
                    gi = (ui * yr - ur * yi) / norm;
                }
            }
            cs[k - low] = c;
            sr[k - low] = gr;
            si[k - low] = gi;
            // [x; y] <- [c x + s y; -conj(s) x + c y] on rows k, k+1, columns k..n-1
            for (int col = k; col < n; col++) {
                double ar = hr[k * n + col], ai = hi[k * n + col], br = hr[(k + 1) * n + col], bi = hi[(k + 1) * n + col];
                hr[k * n + col] = c * ar + (gr * br - gi * bi);
                hi[k * n + col] = c * ai + (gr * bi + gi * br);
                hr[(k + 1) * n + col] = -(gr * ar + gi * ai) + c * br;
                hi[(k + 1) * n + col] = -(gr * ai - gi * ar) + c * bi;
            }
        }
        for (int k = low; k < high; k++) { // right rotations by the conjugate transposes
            double c = cs[k - low], gr = sr[k - low], gi = si[k - low];
            int top = Math.min(high, k + 2);
            for (int row = 0; row <= top; row++) {
                double ar = hr[row * n + k], ai = hi[row * n + k], br = hr[row * n + k + 1], bi = hi[row * n + k + 1];
                // columns [a, b] <- [a c + b conj(s), -a s + b c]
                hr[row * n + k] = c * ar + (br * gr + bi * gi);
                hi[row * n + k] = c * ai + (bi * gr - br * gi);
                hr[row * n + k + 1] = -(ar * gr - ai * gi) + c * br;
                hi[row * n + k + 1] = -(ar * gi + ai * gr) + c * bi;
            }
        }
        for (int i = low; i <= high; i++) {
            hr[i * n + i] += mur;
            hi[i * n + i] += mui;
        }
    }

    /** An eigenvector of {@code a} for {@code lambda}: unit norm, largest component real ({@code [re, im]}). */
    private static double[][] inverseIteration(double[] a, int n, double lr, double li, double scale) {
        double[] mr = a.clone(), mi = new double[n * n];
        double shift = Math.max(scale, Double.MIN_NORMAL) * EPS * 10;
        for (int i = 0; i < n; i++) {
            mr[i * n + i] -= lr + shift;
            mi[i * n + i] -= li;
        }
        int[] piv = new int[n];
        luComplex(mr, mi, n, piv, Math.max(scale, Double.MIN_NORMAL) * EPS);
        double[] xr = new double[n], xi = new double[n];
        java.util.Arrays.fill(xr, 1 / Math.sqrt(n));
        for (int it = 0; it < 3; it++) {
            solveComplex(mr, mi, n, piv, xr, xi);
            normalise(xr, xi);
        }
        return new double[][] {xr, xi};
    }

    private static void luComplex(double[] mr, double[] mi, int n, int[] piv, double tiny) {
        for (int j = 0; j < n; j++) {
            int p = j;
            double best = Math.hypot(mr[j * n + j], mi[j * n + j]);
            for (int i = j + 1; i < n; i++) {
                double v = Math.hypot(mr[i * n + j], mi[i * n + j]);
                if (v > best) {
                    best = v;
                    p = i;
                }
            }
            piv[j] = p;
            if (p != j) {
                for (int c = 0; c < n; c++) {
                    double t = mr[j * n + c];
                    mr[j * n + c] = mr[p * n + c];
                    mr[p * n + c] = t;
                    t = mi[j * n + c];
                    mi[j * n + c] = mi[p * n + c];
                    mi[p * n + c] = t;
                }
            }
            if (best == 0) mr[j * n + j] = tiny;
            double dr = mr[j * n + j], di = mi[j * n + j], d2 = dr * dr + di * di;
            for (int i = j + 1; i < n; i++) {
                double xr = mr[i * n + j], xi = mi[i * n + j];
                double fr = (xr * dr + xi * di) / d2, fi = (xi * dr - xr * di) / d2;
                mr[i * n + j] = fr;
                mi[i * n + j] = fi;
                for (int c = j + 1; c < n; c++) {
                    double ur = mr[j * n + c], ui = mi[j * n + c];
                    mr[i * n + c] -= fr * ur - fi * ui;
                    mi[i * n + c] -= fr * ui + fi * ur;
                }
            }
        }
    }

    private static void solveComplex(double[] mr, double[] mi, int n, int[] piv, double[] xr, double[] xi) {
        for (int j = 0; j < n; j++) {
            int p = piv[j];
            double t = xr[j];
            xr[j] = xr[p];
            xr[p] = t;
            t = xi[j];
            xi[j] = xi[p];
            xi[p] = t;
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < i; k++) {
                double fr = mr[i * n + k], fi = mi[i * n + k];
                xr[i] -= fr * xr[k] - fi * xi[k];
                xi[i] -= fr * xi[k] + fi * xr[k];
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            for (int k = i + 1; k < n; k++) {
                double fr = mr[i * n + k], fi = mi[i * n + k];
                xr[i] -= fr * xr[k] - fi * xi[k];
                xi[i] -= fr * xi[k] + fi * xr[k];
            }
            double dr = mr[i * n + i], di = mi[i * n + i], d2 = dr * dr + di * di;
            double r = (xr[i] * dr + xi[i] * di) / d2, im = (xi[i] * dr - xr[i] * di) / d2;
            xr[i] = r;
            xi[i] = im;
        }
    }

    /** Unit norm, and the component of largest modulus made real and positive. */
    private static void normalise(double[] xr, double[] xi) {
        double norm = 0, best = -1;
        int arg = 0;
        for (int i = 0; i < xr.length; i++) {
            double m = xr[i] * xr[i] + xi[i] * xi[i];
            norm += m;
            if (m > best) {
                best = m;
                arg = i;
            }
        }
        double mod = Math.sqrt(best), pr = xr[arg] / mod, pi = -xi[arg] / mod; // multiply by conj(phase)
        norm = Math.sqrt(norm);
        for (int i = 0; i < xr.length; i++) {
            double r = (xr[i] * pr - xi[i] * pi) / norm, im = (xr[i] * pi + xi[i] * pr) / norm;
            xr[i] = r;
            xi[i] = im;
        }
    }
}
