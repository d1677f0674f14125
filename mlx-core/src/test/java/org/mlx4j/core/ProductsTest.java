package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlx4j.core.TestArrays.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * tensordot, inner, outer, vecdot, kron, addmm, einsum (and its path), blockMaskedMm, gatherMm, segmentedMm
 * and hadamardTransform against plain float64 loops written here (an einsum by enumeration of every label
 * assignment, explicit Sylvester matrices), with gradients (jvp against finite differences, vjp against
 * jvp) and vmap against a loop over examples.
 */
class ProductsTest {
    private final Random rng = new Random(9_0417);

    // ---- reference code ----

    /** Einsum by enumerating every assignment of the labels (no ellipsis); {@code out} null means implicit mode. */
    static double[] refEinsum(String lhs, String out, List<double[]> ops, List<int[]> shapes, Map<Character, Integer> sizesOut) {
        String[] terms = lhs.split(",", -1);
        Map<Character, Integer> size = new HashMap<>();
        Map<Character, Integer> count = new HashMap<>();
        for (int t = 0; t < terms.length; t++) {
            for (int d = 0; d < terms[t].length(); d++) {
                size.put(terms[t].charAt(d), shapes.get(t)[d]);
                count.merge(terms[t].charAt(d), 1, Integer::sum);
            }
        }
        if (out == null) {
            StringBuilder sb = new StringBuilder();
            size.keySet().stream().filter(c -> count.get(c) == 1).sorted().forEach(sb::append);
            out = sb.toString();
        }
        List<Character> labels = new ArrayList<>(size.keySet());
        int[] idx = new int[labels.size()];
        int outSize = 1;
        for (char c : out.toCharArray()) outSize *= size.get(c);
        double[] result = new double[outSize];
        sizesOut.putAll(size);
        while (true) {
            double prod = 1;
            for (int t = 0; t < terms.length; t++) {
                int flat = 0;
                for (int d = 0; d < terms[t].length(); d++) {
                    flat = flat * shapes.get(t)[d] + idx[labels.indexOf(terms[t].charAt(d))];
                }
                prod *= ops.get(t)[flat];
            }
            int o = 0;
            for (char c : out.toCharArray()) o = o * size.get(c) + idx[labels.indexOf(c)];
            result[o] += prod;
            int k = idx.length - 1;
            while (k >= 0 && ++idx[k] == size.get(labels.get(k))) idx[k--] = 0;
            if (k < 0) break;
        }
        return result;
    }

    /** Checks {@code Mx.einsum} against {@link #refEinsum} on random FLOAT64 operands of the given shapes. */
    private void checkEinsum(String subscripts, int[]... shapes) {
        List<double[]> vals = new ArrayList<>();
        Array[] ops = new Array[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            Sample s = sample64(rng, -1, 1, shapes[i]);
            vals.add(s.values());
            ops[i] = s.array();
        }
        String lhs = subscripts.contains("->") ? subscripts.substring(0, subscripts.indexOf("->")) : subscripts;
        String out = subscripts.contains("->") ? subscripts.substring(subscripts.indexOf("->") + 2) : null;
        Map<Character, Integer> sizes = new HashMap<>();
        double[] expected = refEinsum(lhs, out, vals, List.of(shapes), sizes);
        Array got = Mx.einsum(subscripts, ops);
        if (out == null) {
            StringBuilder sb = new StringBuilder();
            sizes.keySet().stream().filter(c -> lhs.chars().filter(x -> x == c).count() == 1).sorted().forEach(sb::append);
            out = sb.toString();
        }
        int[] outShape = out.chars().map(c -> sizes.get((char) c)).toArray();
        assertClose(got, DType.FLOAT64, outShape, expected, 1e-12, 1e-12);
    }

    // ---- einsum ----

    @Test
    void einsumMatchesEnumerationOnMatmulsTracesDiagonalsAndChains() {
        checkEinsum("ij,jk->ik", shape(3, 4), shape(4, 5));
        checkEinsum("ij,jk", shape(3, 4), shape(4, 2));
        checkEinsum("ij->ji", shape(3, 4));
        checkEinsum("ij", shape(3, 4));
        checkEinsum("ji", shape(3, 4));
        checkEinsum("ii->i", shape(4, 4));
        checkEinsum("ii", shape(5, 5));
        checkEinsum("iij,jk->ik", shape(3, 3, 4), shape(4, 2));
        checkEinsum("i,i", shape(6), shape(6));
        checkEinsum("i,j->ij", shape(3), shape(4));
        checkEinsum("ij,ij->ij", shape(3, 4), shape(3, 4));
        checkEinsum("ijk->", shape(2, 3, 4));
        checkEinsum("ijk->k", shape(2, 3, 4));
        checkEinsum("bij,bjk->bik", shape(2, 3, 4), shape(2, 4, 5));
        checkEinsum("bhqd,bhkd->bhqk", shape(2, 3, 4, 5), shape(2, 3, 6, 5));
        checkEinsum("ij,jk,kl->il", shape(2, 7), shape(7, 3), shape(3, 5));
        checkEinsum("abc,cd,bde->ae", shape(2, 3, 4), shape(4, 5), shape(3, 5, 2));
        checkEinsum("ab,bc,cd,de,ef->af", shape(2, 3), shape(3, 4), shape(4, 2), shape(2, 3), shape(3, 2));
        // seven operands: the greedy order
        checkEinsum("ab,bc,cd,de,ef,fg,gh->ah", shape(2, 3), shape(3, 2), shape(2, 3), shape(3, 2), shape(2, 3), shape(3, 2),
                shape(2, 2));
        checkEinsum("ab,ab,ab->", shape(2, 3), shape(2, 3), shape(2, 3));
        checkEinsum("i,jk->ijk", shape(2), shape(3, 4));
        checkEinsum(",i->i", shape(), shape(3));
        checkEinsum("ij,->", shape(2, 3), shape());
    }

    @Test
    void einsumEllipsisBroadcastsLikeExplicitLabels() {
        Array a = sample64(rng, -1, 1, 2, 1, 3, 4).array(), b = sample64(rng, -1, 1, 5, 4, 2).array();
        Array got = Mx.einsum("...ij,...jk->...ik", a, b);
        Array expected = Mx.einsum("xyij,yjk->xyik", Mx.broadcastTo(a, 2, 5, 3, 4), b);
        assertClose(got, DType.FLOAT64, shape(2, 5, 3, 2), expected.toDoubleArray(), 1e-12, 1e-12);
        // implicit mode puts the ellipsis axes first
        Array c = sample64(rng, -1, 1, 3, 2, 4).array();
        assertClose(Mx.einsum("i...j", c), DType.FLOAT64, shape(2, 3, 4), Mx.transpose(c, 1, 0, 2).toDoubleArray(), 0, 0);
        Sample d = sample64(rng, -1, 1, 2, 3, 3);
        double[] diag = new double[6];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) diag[i * 3 + j] = d.values()[i * 9 + j * 4];
        assertClose(Mx.einsum("...ii->...i", d.array()), DType.FLOAT64, shape(2, 3), diag, 0, 0);
    }

    @Test
    void einsumOfIntegersAndMixedDtypes() {
        Sample a = sample(rng, DType.INT32, -5, 5, 3, 4), b = sample(rng, DType.INT32, -5, 5, 4, 2);
        Map<Character, Integer> sizes = new HashMap<>();
        double[] expected = refEinsum("ij,jk", "ik", List.of(a.values(), b.values()), List.of(a.shape(), b.shape()), sizes);
        assertExact(Mx.einsum("ij,jk->ik", a.array(), b.array()), DType.INT32, shape(3, 2), expected);
        Sample c = sample(rng, DType.FLOAT32, -1, 1, 4, 2);
        Array mixed = Mx.einsum("ij,jk->ik", a.array(), c.array());
        double[] e2 = refEinsum("ij,jk", "ik", List.of(a.values(), c.values()), List.of(a.shape(), c.shape()), sizes);
        assertClose(mixed, DType.FLOAT32, shape(3, 2), e2, 1e-5, 1e-5);
    }

    @Test
    void einsumPathFindsTheCheapOrderAndReportsItsCost() {
        Array a = Mx.zeros(2, 100), b = Mx.zeros(100, 2), c = Mx.zeros(2, 100);
        EinsumPath p = Mx.einsumPath("ij,jk,kl->il", a, b, c);
        assertThat(p.path()).hasSize(2);
        assertThat(p.path().get(0)).containsExactly(0, 1);
        assertThat(p.path().get(1)).containsExactly(0, 1);
        // (2x100)(100x2): 400 multiply-adds, then (2x2)(2x100): 400; all at once: 2*100*2*100 * 2
        assertThat(p.optimizedCost()).isEqualTo(800.0);
        assertThat(p.naiveCost()).isEqualTo(80_000.0);
        assertThat(p.speedup()).isEqualTo(100.0);
        assertThat(p.largestIntermediate()).isEqualTo(200);
        assertThat(p.report()).contains("ij,jk->ik").contains("kl,ik->il");
        // the order changes when the shapes do: here the last two first
        EinsumPath q = Mx.einsumPath("ij,jk,kl->il", Mx.zeros(100, 2), Mx.zeros(2, 100), Mx.zeros(100, 2));
        assertThat(q.path().get(0)).containsExactly(1, 2);
    }

    /**
     * The cost, in this class's own reckoning, of a pairwise path: each step costs the product of the sizes of
     * every label of its two operands and keeps the labels the output or a remaining operand needs.
     */
    private static double pathCost(String subscripts, int[][] shapes, List<int[]> path) {
        String[] terms = subscripts.substring(0, subscripts.indexOf("->")).split(",", -1);
        String out = subscripts.substring(subscripts.indexOf("->") + 2);
        Map<Character, Integer> size = new HashMap<>();
        for (int t = 0; t < terms.length; t++) for (int d = 0; d < terms[t].length(); d++) size.put(terms[t].charAt(d), shapes[t][d]);
        List<String> cur = new ArrayList<>(List.of(terms));
        double total = 0;
        for (int[] step : path) {
            String x = cur.get(step[0]), y = cur.get(step[1]);
            StringBuilder others = new StringBuilder(out);
            for (int k = 0; k < cur.size(); k++) if (k != step[0] && k != step[1]) others.append(cur.get(k));
            StringBuilder union = new StringBuilder(), kept = new StringBuilder();
            for (char c : (x + y).toCharArray()) {
                if (union.indexOf(String.valueOf(c)) >= 0) continue;
                union.append(c);
                if (others.indexOf(String.valueOf(c)) >= 0) kept.append(c);
            }
            double cost = 1;
            for (char c : union.toString().toCharArray()) cost *= size.get(c);
            total += cost;
            cur.remove(Math.max(step[0], step[1]));
            cur.remove(Math.min(step[0], step[1]));
            cur.add(kept.toString());
        }
        return total;
    }

    @Test
    void einsumPathIsNoCostlierThanNumpysOptimalPath() throws Exception {
        List<String> lines;
        try (var in = ProductsTest.class.getResourceAsStream("/golden/products/einsum_paths.txt")) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        assertThat(lines).hasSizeGreaterThanOrEqualTo(7);
        for (String line : lines) {
            String[] f = line.split("\\|");
            String[] shapeText = f[1].split(";");
            int[][] shapes = new int[shapeText.length][];
            Array[] ops = new Array[shapes.length];
            for (int i = 0; i < shapes.length; i++) {
                shapes[i] = GoldenText.ints(shapeText[i]);
                ops[i] = Mx.zeros(shapes[i]);
            }
            List<int[]> numpyPath = new ArrayList<>();
            for (String step : f[2].split(";")) numpyPath.add(GoldenText.ints(step));
            EinsumPath ours = Mx.einsumPath(f[0], ops);
            double numpyCost = pathCost(f[0], shapes, numpyPath);
            assertThat(pathCost(f[0], shapes, ours.path())).as(f[0] + ": the reported cost").isEqualTo(ours.optimizedCost());
            assertThat(ours.optimizedCost()).as(f[0] + ": against NumPy's path " + f[2]).isLessThanOrEqualTo(numpyCost);
            assertThat(ours.path()).hasSize(shapes.length - 1);
        }
    }

    @Test
    void einsumRejectsBadSubscripts() {
        Array a = Mx.zeros(2, 3), b = Mx.zeros(4, 5);
        assertThatThrownBy(() -> Mx.einsum("ij,jk->ik", a, b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("einsum").hasMessageContaining("'j' has sizes 3 and 4");
        assertThatThrownBy(() -> Mx.einsum("ijk", a)).hasMessageContaining("einsum").hasMessageContaining("2 dimensions");
        assertThatThrownBy(() -> Mx.einsum("ij,jk", a)).hasMessageContaining("2 operand subscripts for 1 operand");
        assertThatThrownBy(() -> Mx.einsum("i1", a)).hasMessageContaining("'1' is not a valid subscript");
        assertThatThrownBy(() -> Mx.einsum("ij->iz", a)).hasMessageContaining("'z', which no operand has");
        assertThatThrownBy(() -> Mx.einsum("ij->ii", a)).hasMessageContaining("names 'i' twice");
        assertThatThrownBy(() -> Mx.einsum("ij")).hasMessageContaining("at least one operand");
    }

    // ---- tensordot family ----

    @Test
    void tensordotInnerOuterVecdotKronAddmmMatchLoops() {
        Sample a = sample64(rng, -1, 1, 2, 3, 4), b = sample64(rng, -1, 1, 3, 4, 5);
        Map<Character, Integer> s = new HashMap<>();
        assertClose(Mx.tensordot(a.array(), b.array(), 2), DType.FLOAT64, shape(2, 5),
                refEinsum("ijk,jkl", "il", List.of(a.values(), b.values()), List.of(a.shape(), b.shape()), s), 1e-12, 1e-12);
        assertClose(Mx.tensordot(a.array(), b.array()), DType.FLOAT64, shape(2, 5),
                refEinsum("ijk,jkl", "il", List.of(a.values(), b.values()), List.of(a.shape(), b.shape()), s), 1e-12, 1e-12);
        assertClose(Mx.tensordot(a.array(), b.array(), 0), DType.FLOAT64, shape(2, 3, 4, 3, 4, 5),
                refEinsum("ijk,lmn", "ijklmn", List.of(a.values(), b.values()), List.of(a.shape(), b.shape()), s), 1e-12, 1e-12);
        Sample c = sample64(rng, -1, 1, 4, 2, 6);
        assertClose(Mx.tensordot(a.array(), c.array(), new int[] {0, 2}, new int[] {1, 0}), DType.FLOAT64, shape(3, 6),
                refEinsum("ijk,kil", "jl", List.of(a.values(), c.values()), List.of(a.shape(), c.shape()), s), 1e-12, 1e-12);
        Sample d = sample64(rng, -1, 1, 5, 4);
        assertClose(Mx.inner(a.array(), d.array()), DType.FLOAT64, shape(2, 3, 5),
                refEinsum("ijk,lk", "ijl", List.of(a.values(), d.values()), List.of(a.shape(), d.shape()), s), 1e-12, 1e-12);
        assertClose(Mx.inner(Mx.array(2.0, DType.FLOAT64), d.array()), DType.FLOAT64, shape(5, 4),
                java.util.Arrays.stream(d.values()).map(v -> 2 * v).toArray(), 0, 0);
        Sample u = sample64(rng, -1, 1, 2, 2), v = sample64(rng, -1, 1, 3);
        assertClose(Mx.outer(u.array(), v.array()), DType.FLOAT64, shape(4, 3),
                refEinsum("i,j", "ij", List.of(u.values(), v.values()), List.of(shape(4), shape(3)), s), 0, 0);
        // vecdot broadcasts and reduces the last axis
        Sample w = sample64(rng, -1, 1, 3, 4), x = sample64(rng, -1, 1, 4);
        double[] vd = new double[3];
        for (int i = 0; i < 3; i++) for (int k = 0; k < 4; k++) vd[i] += w.values()[i * 4 + k] * x.values()[k];
        assertClose(Mx.vecdot(w.array(), x.array()), DType.FLOAT64, shape(3), vd, 1e-12, 1e-12);
        double[] vd0 = new double[4];
        for (int i = 0; i < 3; i++) for (int k = 0; k < 4; k++) vd0[k] += w.values()[i * 4 + k] * w.values()[i * 4 + k];
        assertClose(Mx.vecdot(w.array(), w.array(), 0), DType.FLOAT64, shape(4), vd0, 1e-12, 1e-12);
        // vecdot conjugates its first operand
        Array z = Mx.complex(Mx.array(new float[] {1, 2}, 2), Mx.array(new float[] {3, -1}, 2));
        Array zz = Mx.vecdot(z, z);
        assertThat(zz.dtype()).isEqualTo(DType.COMPLEX64);
        assertClose(Mx.real(zz), DType.FLOAT32, shape(), new double[] {1 + 9 + 4 + 1}, 1e-6, 1e-6);
        assertClose(Mx.imag(zz), DType.FLOAT32, shape(), new double[] {0}, 1e-6, 1e-6);
        // kron
        Sample k1 = sample64(rng, -1, 1, 2, 3), k2 = sample64(rng, -1, 1, 4, 2, 2);
        double[] kr = new double[4 * 4 * 6];
        for (int i = 0; i < 4; i++) for (int p = 0; p < 2; p++) for (int q = 0; q < 3; q++) for (int r = 0; r < 2; r++)
            for (int t = 0; t < 2; t++)
                kr[(i * 4 + p * 2 + r) * 6 + q * 2 + t] = k1.values()[p * 3 + q] * k2.values()[(i * 2 + r) * 2 + t];
        assertClose(Mx.kron(k1.array(), k2.array()), DType.FLOAT64, shape(4, 4, 6), kr, 0, 0);
        Sample ki = sample(rng, DType.INT32, -4, 4, 2), kj = sample(rng, DType.INT32, -4, 4, 3);
        double[] kij = new double[6];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) kij[i * 3 + j] = ki.values()[i] * kj.values()[j];
        assertExact(Mx.kron(ki.array(), kj.array()), DType.INT32, shape(6), kij);
        // addmm
        Sample m1 = sample64(rng, -1, 1, 3, 4), m2 = sample64(rng, -1, 1, 4, 2), cc = sample64(rng, -1, 1, 2);
        double[] mm = refEinsum("ij,jk", "ik", List.of(m1.values(), m2.values()), List.of(m1.shape(), m2.shape()), s);
        double[] am = new double[6];
        for (int i = 0; i < 6; i++) am[i] = 0.5 * mm[i] - 2 * cc.values()[i % 2];
        assertClose(Mx.addmm(cc.array(), m1.array(), m2.array(), 0.5, -2), DType.FLOAT64, shape(3, 2), am, 1e-12, 1e-12);
        for (int i = 0; i < 6; i++) am[i] = mm[i] + cc.values()[i % 2];
        assertClose(Mx.addmm(cc.array(), m1.array(), m2.array()), DType.FLOAT64, shape(3, 2), am, 1e-12, 1e-12);
    }

    @Test
    void productsRejectBadInput() {
        Array a = Mx.zeros(2, 3), b = Mx.zeros(4, 5);
        assertThatThrownBy(() -> Mx.tensordot(a, b, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tensordot").hasMessageContaining("(3)").hasMessageContaining("(4)");
        assertThatThrownBy(() -> Mx.tensordot(a, b, 3)).hasMessageContaining("tensordot: axes must be in").hasMessageContaining("got 3");
        assertThatThrownBy(() -> Mx.tensordot(a, b, new int[] {0}, new int[] {0, 1})).hasMessageContaining("pairwise");
        assertThatThrownBy(() -> Mx.inner(a, b)).hasMessageContaining("inner: the last dimensions differ");
        Array ints = Mx.ones(new int[] {2, 2}, DType.INT32);
        assertThatThrownBy(() -> Mx.tensordot(ints, ints, 1)).hasMessageContaining("tensordot: only floating point types")
                .hasMessageContaining("int32 and int32");
        assertThatThrownBy(() -> Mx.inner(ints, ints)).hasMessageContaining("inner: only floating point types");
        assertThatThrownBy(() -> Mx.addmm(ints, ints, ints)).hasMessageContaining("addmm: only floating point types");
        assertThatThrownBy(() -> Mx.vecdot(a, b)).hasMessageContaining("vecdot");
        assertThatThrownBy(() -> Mx.addmm(Mx.zeros(3), Mx.zeros(2, 3), Mx.zeros(3, 2))).hasMessageContaining("addmm");
        assertThatThrownBy(() -> Mx.hadamardTransform(Mx.zeros(12))).hasMessageContaining("hadamardTransform")
                .hasMessageContaining("power-of-two").hasMessageContaining("12");
        assertThatThrownBy(() -> Mx.blockMaskedMm(Mx.zeros(32, 32), Mx.zeros(32, 32), 16, null, null, null))
                .hasMessageContaining("blockMaskedMm: blockSize must be 32 or 64");
        assertThatThrownBy(() -> Mx.blockMaskedMm(Mx.zeros(40, 32), Mx.zeros(32, 32), 32, Mx.ones(new int[] {1, 1}, DType.BOOL), null, null))
                .hasMessageContaining("maskOut must end with the block counts (2, 1)");
        assertThatThrownBy(() -> Mx.gatherMm(Mx.zeros(2, 3, 3), Mx.zeros(3, 3), Mx.zeros(2), null))
                .hasMessageContaining("gatherMm: lhsIndices must have an integer dtype");
        assertThatThrownBy(() -> Mx.segmentedMm(Mx.zeros(3, 4), Mx.zeros(4, 2), Mx.zeros(new int[] {2, 3}, DType.INT32)))
                .hasMessageContaining("segmentedMm: segments must be integer pairs");
    }

    // ---- masked, gathered and segmented matmuls ----

    @Test
    void blockMaskedMmZeroesAndScalesBlocks() {
        int m = 40, k = 70, n = 33, bs = 32;
        Sample a = sample64(rng, -1, 1, m, k), b = sample64(rng, -1, 1, k, n);
        boolean[] out = {true, false, true, true}; // (2, 2)
        double[] lhs = {1, 0.5, 0, 2, -1, 1}; // (2, 3)
        boolean[] rhs = {true, false, true, false, true, true}; // (3, 2)
        double[] expected = new double[m * n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
            double acc = 0;
            for (int p = 0; p < k; p++) {
                double l = lhs[(i / bs) * 3 + p / bs], r = rhs[(p / bs) * 2 + j / bs] ? 1 : 0;
                acc += a.values()[i * k + p] * l * b.values()[p * n + j] * r;
            }
            expected[i * n + j] = out[(i / bs) * 2 + j / bs] ? acc : 0;
        }
        Array got = Mx.blockMaskedMm(a.array(), b.array(), bs, Mx.array(out, 2, 2), Mx.array(lhs, DType.FLOAT64, 2, 3),
                Mx.array(rhs, 3, 2));
        assertClose(got, DType.FLOAT64, shape(m, n), expected, 1e-12, 1e-12);
        Array plain = Mx.blockMaskedMm(a.array(), b.array(), 64, null, null, null);
        assertClose(plain, DType.FLOAT64, shape(m, n), Mx.matmul(a.array(), b.array()).toDoubleArray(), 0, 0);
    }

    @Test
    void gatherMmPicksMatricesByFlatBatchIndex() {
        Sample a = sample64(rng, -1, 1, 2, 3, 4, 5), b = sample64(rng, -1, 1, 4, 5, 2);
        int[] li = {5, 0, 3, 3}, ri = {1, 2, 0, 3};
        Array got = Mx.gatherMm(a.array(), b.array(), Mx.array(li, 2, 2), Mx.array(ri, 2, 2), false);
        double[] expected = new double[4 * 4 * 2];
        for (int g = 0; g < 4; g++) for (int i = 0; i < 4; i++) for (int j = 0; j < 2; j++) {
            double acc = 0;
            for (int p = 0; p < 5; p++) acc += a.values()[(li[g] * 4 + i) * 5 + p] * b.values()[(ri[g] * 5 + p) * 2 + j];
            expected[(g * 4 + i) * 2 + j] = acc;
        }
        assertClose(got, DType.FLOAT64, shape(2, 2, 4, 2), expected, 1e-12, 1e-12);
        // no rhs indices: b's batch axes as they are, broadcast against the lhs index shape
        Sample b2 = sample64(rng, -1, 1, 5, 2);
        Array got2 = Mx.gatherMm(a.array(), b2.array(), Mx.array(new int[] {4, 1, 1}, 3), null);
        double[] e2 = new double[3 * 4 * 2];
        int[] l2 = {4, 1, 1};
        for (int g = 0; g < 3; g++) for (int i = 0; i < 4; i++) for (int j = 0; j < 2; j++)
            for (int p = 0; p < 5; p++) e2[(g * 4 + i) * 2 + j] += a.values()[(l2[g] * 4 + i) * 5 + p] * b2.values()[p * 2 + j];
        assertClose(got2, DType.FLOAT64, shape(3, 4, 2), e2, 1e-12, 1e-12);
    }

    @Test
    void segmentedMmMultipliesEachSegmentOfTheInnerDimension() {
        Sample a = sample64(rng, -1, 1, 3, 10), b = sample64(rng, -1, 1, 10, 4);
        int[] seg = {0, 4, 4, 10, 2, 2, 1, 9};
        Array got = Mx.segmentedMm(a.array(), b.array(), Mx.array(seg, 4, 2));
        double[] expected = new double[4 * 3 * 4];
        for (int s = 0; s < 4; s++) for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++)
            for (int p = seg[2 * s]; p < seg[2 * s + 1]; p++) expected[(s * 3 + i) * 4 + j] += a.values()[i * 10 + p] * b.values()[p * 4 + j];
        assertClose(got, DType.FLOAT64, shape(4, 3, 4), expected, 1e-12, 1e-12);
    }

    @Test
    void hadamardTransformMatchesSylvesterMatrix() {
        for (int n : new int[] {1, 2, 8, 64}) {
            Sample x = sample64(rng, -1, 1, 3, n);
            double[] expected = new double[3 * n];
            for (int r = 0; r < 3; r++) for (int i = 0; i < n; i++) {
                double acc = 0;
                for (int j = 0; j < n; j++) acc += ((Integer.bitCount(i & j) & 1) == 0 ? 1 : -1) * x.values()[r * n + j];
                expected[r * n + i] = acc / Math.sqrt(n);
            }
            assertClose(Mx.hadamardTransform(x.array()), DType.FLOAT64, shape(3, n), expected, 1e-12, 1e-12);
            for (int i = 0; i < expected.length; i++) expected[i] *= Math.sqrt(n) * 0.25;
            assertClose(Mx.hadamardTransform(x.array(), 0.25), DType.FLOAT64, shape(3, n), expected, 1e-12, 1e-12);
        }
        Array ints = Mx.hadamardTransform(Mx.array(new int[] {1, 2, 3, 4}, 4));
        assertClose(ints, DType.FLOAT32, shape(4), new double[] {5, -1, -2, 0}, 1e-6, 1e-6);
        Array half = Mx.hadamardTransform(Mx.array(new double[] {1, 2, 3, 4}, DType.FLOAT16, 4));
        assertClose(half, DType.FLOAT16, shape(4), new double[] {5, -1, -2, 0}, 1e-3, 1e-3);
    }

    // ---- transformations ----

    @Test
    void gradientsOfProductsMatchFiniteDifferences() {
        JvpChecks.check(x -> List.of(Mx.einsum("ij,jk,kl->il", x.get(0), x.get(1), x.get(2))), rng,
                sample64(rng, -1, 1, 2, 3), sample64(rng, -1, 1, 3, 4), sample64(rng, -1, 1, 4, 2));
        JvpChecks.check(x -> List.of(Mx.einsum("iij,jk->ik", x.get(0), x.get(1))), rng,
                sample64(rng, -1, 1, 3, 3, 2), sample64(rng, -1, 1, 2, 2));
        JvpChecks.check(x -> List.of(Mx.tensordot(x.get(0), x.get(1), new int[] {0, 2}, new int[] {1, 0})), rng,
                sample64(rng, -1, 1, 2, 3, 4), sample64(rng, -1, 1, 4, 2, 3));
        JvpChecks.check(x -> List.of(Mx.kron(x.get(0), x.get(1))), rng, sample64(rng, -1, 1, 2, 3), sample64(rng, -1, 1, 2, 2));
        JvpChecks.check(x -> List.of(Mx.addmm(x.get(0), x.get(1), x.get(2), 0.5, 3)), rng,
                sample64(rng, -1, 1, 2), sample64(rng, -1, 1, 3, 4), sample64(rng, -1, 1, 4, 2));
        JvpChecks.check(x -> List.of(Mx.vecdot(x.get(0), x.get(1))), rng, sample64(rng, -1, 1, 3, 4), sample64(rng, -1, 1, 4));
        JvpChecks.check(x -> List.of(Mx.outer(x.get(0), x.get(1)), Mx.inner(x.get(0), x.get(1))), rng,
                sample64(rng, -1, 1, 4), sample64(rng, -1, 1, 4));
        JvpChecks.check(x -> List.of(Mx.hadamardTransform(x.get(0))), rng, sample64(rng, -1, 1, 2, 16));
        JvpChecks.check(x -> List.of(Mx.blockMaskedMm(x.get(0), x.get(1), 32, Mx.array(new boolean[] {true, false}, 1, 2),
                x.get(2), null)), rng, sample64(rng, -1, 1, 20, 33), sample64(rng, -1, 1, 33, 40), sample64(rng, -1, 1, 1, 2));
        JvpChecks.check(x -> List.of(Mx.gatherMm(x.get(0), x.get(1), Mx.array(new int[] {2, 0, 2}, 3), Mx.array(new int[] {1, 1, 0}, 3))),
                rng, sample64(rng, -1, 1, 3, 2, 3), sample64(rng, -1, 1, 2, 3, 2));
        JvpChecks.check(x -> List.of(Mx.segmentedMm(x.get(0), x.get(1), Mx.array(new int[] {0, 2, 1, 5}, 2, 2))), rng,
                sample64(rng, -1, 1, 2, 5), sample64(rng, -1, 1, 5, 3));
    }

    @Test
    void vmapOfProductsMatchesALoop() {
        Array a = sample64(rng, -1, 1, 4, 2, 3).array(), b = sample64(rng, -1, 1, 3, 4).array();
        Fn f = x -> List.of(Mx.einsum("ij,jk->ik", x.get(0), x.get(1)), Mx.kron(x.get(0), x.get(1)),
                Mx.hadamardTransform(Mx.tensordot(x.get(0), x.get(1), 1), 2.0));
        List<Array> got = Mx.vmap(f, new int[] {0, Mx.UNMAPPED}, new int[] {0, 0, 0}).apply(List.of(a, b));
        for (int o = 0; o < 3; o++) {
            List<Array> rows = new ArrayList<>();
            for (int i = 0; i < 4; i++) rows.add(f.apply(List.of(a.get(i), b)).get(o));
            Array expected = Mx.stack(rows);
            assertClose(got.get(o), DType.FLOAT64, expected.shape(), expected.toDoubleArray(), 1e-12, 1e-12);
        }
    }
}
