package org.mlx4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;

/** Every op of {@link KernelFamilyBench} computes what float64 reference code gives, on an odd shape. */
class KernelFamilyBenchTest {

    private static final int ROWS = 5;
    private static final int COLS = 37; // no multiple of a vector width: exercises the tails

    @ParameterizedTest
    @ValueSource(strings = {"float32", "float64", "int32", "int64"})
    void everyOpMatchesFloat64Reference(String dtype) {
        KernelFamilyBench bench = new KernelFamilyBench();
        bench.dtype = dtype;
        bench.rows = ROWS;
        bench.cols = COLS;
        bench.setup();
        try {
            float[] f = BenchInputs.uniform(21, ROWS * COLS, -8f, 8f);
            double[][] x = new double[ROWS][COLS];
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    float v = f[r * COLS + c];
                    x[r][c] = dtype.startsWith("int") ? (long) v : dtype.equals("float32") ? v : (double) v;
                }
            }
            boolean floating = dtype.startsWith("float");
            double tol = dtype.equals("float32") ? 1e-5 : 1e-12;
            for (KernelFamilyBench.Op op : KernelFamilyBench.Op.values()) {
                if (!floating && (op == KernelFamilyBench.Op.SOFTMAX || op == KernelFamilyBench.Op.LOGSUMEXP)) continue;
                try (Array out = op.apply(bench.x); Array wide = out.astype(DType.FLOAT64)) {
                    double[] got = wide.toDoubleArray();
                    if (op == KernelFamilyBench.Op.PARTITION_ROWS) {
                        checkPartition(got, x, dtype);
                        continue;
                    }
                    double[] want = reference(op, x);
                    assertThat(got).as("%s %s", op, dtype).hasSize(want.length);
                    for (int i = 0; i < want.length; i++) {
                        assertThat(got[i]).as("%s %s [%d]", op, dtype, i)
                                .isCloseTo(want[i], within(tol * Math.max(1, Math.abs(want[i]))));
                    }
                }
            }
        } finally {
            bench.tearDown();
        }
    }

    private static double[] reference(KernelFamilyBench.Op op, double[][] x) {
        return switch (op) {
            case SOFTMAX -> {
                double[] r = new double[ROWS * COLS];
                for (int i = 0; i < ROWS; i++) {
                    double m = Double.NEGATIVE_INFINITY, s = 0;
                    for (double v : x[i]) m = Math.max(m, v);
                    for (double v : x[i]) s += Math.exp(v - m);
                    for (int c = 0; c < COLS; c++) r[i * COLS + c] = Math.exp(x[i][c] - m) / s;
                }
                yield r;
            }
            case LOGSUMEXP -> perRow(x, row -> {
                double m = Double.NEGATIVE_INFINITY, s = 0;
                for (double v : row) m = Math.max(m, v);
                for (double v : row) s += Math.exp(v - m);
                return m + Math.log(s);
            });
            case ARGMAX_ROWS -> perRow(x, row -> {
                int best = 0;
                for (int c = 1; c < row.length; c++) if (row[c] > row[best]) best = c;
                return best;
            });
            case ARGMAX_COLUMNS -> perRow(transpose(x), col -> {
                int best = 0;
                for (int r = 1; r < col.length; r++) if (col[r] > col[best]) best = r;
                return best;
            });
            case SUM_ROWS -> perRow(x, row -> {
                double s = 0;
                for (double v : row) s += v;
                return s;
            });
            case SUM_COLUMNS -> perRow(transpose(x), col -> {
                double s = 0;
                for (double v : col) s += v;
                return s;
            });
            case CUMSUM_ROWS -> {
                double[] r = new double[ROWS * COLS];
                for (int i = 0; i < ROWS; i++) {
                    double s = 0;
                    for (int c = 0; c < COLS; c++) r[i * COLS + c] = s += x[i][c];
                }
                yield r;
            }
            case CUMSUM_COLUMNS -> {
                double[] r = new double[ROWS * COLS];
                for (int c = 0; c < COLS; c++) {
                    double s = 0;
                    for (int i = 0; i < ROWS; i++) r[i * COLS + c] = s += x[i][c];
                }
                yield r;
            }
            case ASTYPE_INT16 -> {
                double[] r = new double[ROWS * COLS];
                for (int i = 0; i < ROWS; i++) for (int c = 0; c < COLS; c++) r[i * COLS + c] = (long) x[i][c];
                yield r;
            }
            case PARTITION_ROWS -> throw new AssertionError("checked by checkPartition");
            case MAX_ROWS -> perRow(x, row -> {
                double m = Double.NEGATIVE_INFINITY;
                for (double v : row) m = Math.max(m, v);
                return m;
            });
        };
    }

    /** Each row holds the input row's values, with the sorted row's kth value at kth, none larger before, none smaller after. */
    private static void checkPartition(double[] got, double[][] x, String dtype) {
        int kth = COLS / 2;
        for (int r = 0; r < ROWS; r++) {
            double[] row = java.util.Arrays.copyOfRange(got, r * COLS, (r + 1) * COLS);
            double[] sorted = x[r].clone();
            java.util.Arrays.sort(sorted);
            assertThat(row[kth]).as("partition %s row %d kth", dtype, r).isEqualTo(sorted[kth]);
            for (int c = 0; c < COLS; c++) {
                if (c < kth) assertThat(row[c]).as("partition %s [%d][%d]", dtype, r, c).isLessThanOrEqualTo(row[kth]);
                if (c > kth) assertThat(row[c]).as("partition %s [%d][%d]", dtype, r, c).isGreaterThanOrEqualTo(row[kth]);
            }
            double[] back = row.clone();
            java.util.Arrays.sort(back);
            assertThat(back).as("partition %s row %d is a permutation", dtype, r).containsExactly(sorted);
        }
    }

    private static double[] perRow(double[][] m, java.util.function.ToDoubleFunction<double[]> f) {
        double[] r = new double[m.length];
        for (int i = 0; i < m.length; i++) r[i] = f.applyAsDouble(m[i]);
        return r;
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) for (int j = 0; j < m[0].length; j++) t[j][i] = m[i][j];
        return t;
    }
}
