package org.mlx4j.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code einsum} as a sequence of ordinary ops: each operand first takes the diagonals its repeated labels
 * ask for and sums the labels nobody else needs, then operands are contracted pairwise in the order
 * {@link EinsumPlanner} picks, each pair as one batched matmul (labels of both kept: batch; of both not kept:
 * contracted; of one: free), and the result is transposed to the output order. Gradients, jvps and vmaps are
 * those of the ops it is made of.
 */
final class Einsum {
    private Einsum() {}

    /** An intermediate operand and the label of each of its axes. */
    private record Term(Array array, int[] labels) {}

    static EinsumPath path(String subscripts, Array... operands) {
        return EinsumPlanner.plan(EinsumSpec.parse(subscripts, shapes(operands)));
    }

    static Array einsum(String subscripts, Array... operands) {
        if (operands == null || operands.length == 0) {
            throw new IllegalArgumentException("einsum: at least one operand is needed (subscripts '" + subscripts + "')");
        }
        EinsumSpec spec = EinsumSpec.parse(subscripts, shapes(operands));
        EinsumPath path = EinsumPlanner.plan(spec);
        long outMask = EinsumSpec.mask(spec.output());
        List<Term> terms = new ArrayList<>();
        for (int i = 0; i < operands.length; i++) terms.add(diagonals(new Term(operands[i], spec.inputs()[i])));
        for (int i = 0; i < terms.size(); i++) terms.set(i, sumOut(terms.get(i), outMask | othersMask(terms, i, -1)));
        for (int[] step : path.path()) {
            int i = step[0], j = step[1];
            long keep = outMask | othersMask(terms, i, j);
            Term x = terms.get(i), y = terms.get(j);
            terms.remove(Math.max(i, j));
            terms.remove(Math.min(i, j));
            terms.add(contract(x, y, keep, spec.sizes()));
        }
        Term t = sumOut(terms.get(0), outMask);
        int[] perm = new int[spec.output().length];
        int[] outShape = new int[perm.length];
        for (int d = 0; d < perm.length; d++) {
            perm[d] = indexOf(t.labels, spec.output()[d]);
            outShape[d] = spec.sizes()[spec.output()[d]];
        }
        Array out = perm.length == 0 ? t.array : Mx.transpose(t.array, perm);
        return Arrays.equals(out.shape(), outShape) ? out : Mx.broadcastTo(out, outShape);
    }

    private static int[][] shapes(Array[] operands) {
        int[][] shapes = new int[operands.length][];
        for (int i = 0; i < operands.length; i++) {
            if (operands[i] == null) throw new IllegalArgumentException("einsum: operand " + i + " is null");
            shapes[i] = operands[i].shape();
        }
        return shapes;
    }

    private static long othersMask(List<Term> terms, int i, int j) {
        long m = 0;
        for (int k = 0; k < terms.size(); k++) if (k != i && k != j) m |= EinsumSpec.mask(terms.get(k).labels);
        return m;
    }

    private static int indexOf(int[] labels, int label) {
        for (int i = 0; i < labels.length; i++) if (labels[i] == label) return i;
        return -1;
    }

    /** Takes the diagonal for every label that appears twice in the term (e.g. {@code ii->i}). */
    private static Term diagonals(Term t) {
        while (true) {
            int[] l = t.labels;
            int a = -1, b = -1;
            for (int i = 0; i < l.length && a < 0; i++) {
                for (int j = i + 1; j < l.length; j++) {
                    if (l[i] == l[j]) {
                        a = i;
                        b = j;
                        break;
                    }
                }
            }
            if (a < 0) return t;
            Array x = t.array;
            int n = Math.max(x.shape(a), x.shape(b));
            int[] perm = new int[l.length];
            int[] labels = new int[l.length - 1];
            for (int d = 0, k = 0; d < l.length; d++) {
                if (d != a && d != b) {
                    labels[k] = l[d];
                    perm[k++] = d;
                }
            }
            perm[l.length - 2] = a;
            perm[l.length - 1] = b;
            labels[l.length - 2] = l[a];
            x = Mx.transpose(x, perm);
            int[] s = x.shape();
            s[s.length - 2] = n;
            s[s.length - 1] = n;
            x = Mx.broadcastTo(x, s);
            int[] flat = Arrays.copyOf(s, s.length - 1);
            flat[flat.length - 1] = n * n;
            x = Mx.reshape(x, flat);
            int[] start = new int[flat.length], stop = flat.clone(), step = new int[flat.length];
            Arrays.fill(step, 1);
            step[flat.length - 1] = n + 1;
            t = new Term(Mx.slice(x, start, stop, step), labels);
        }
    }

    /** Sums the axes whose labels are not in {@code keep}. */
    private static Term sumOut(Term t, long keep) {
        int[] l = t.labels;
        int count = 0;
        for (int x : l) if ((keep & (1L << x)) == 0) count++;
        if (count == 0) return t;
        int[] axes = new int[count], labels = new int[l.length - count];
        for (int d = 0, a = 0, k = 0; d < l.length; d++) {
            if ((keep & (1L << l[d])) == 0) axes[a++] = d;
            else labels[k++] = l[d];
        }
        return new Term(Mx.sum(t.array, axes), labels);
    }

    /** Contracts two terms into one holding the labels of either that are in {@code keep}. */
    private static Term contract(Term x, Term y, long keep, int[] sizes) {
        long mx = EinsumSpec.mask(x.labels), my = EinsumSpec.mask(y.labels);
        x = sumOut(x, keep | my);
        y = sumOut(y, keep | mx);
        List<Integer> batch = new ArrayList<>(), con = new ArrayList<>(), xo = new ArrayList<>(), yo = new ArrayList<>();
        for (int l : x.labels) {
            if ((my & (1L << l)) == 0) xo.add(l);
            else if ((keep & (1L << l)) != 0) batch.add(l);
            else con.add(l);
        }
        for (int l : y.labels) if ((mx & (1L << l)) == 0) yo.add(l);
        Array a = arrange(x, batch, xo, con, sizes), b = arrange(y, batch, con, yo, sizes);
        int[] bs = dims(batch, sizes), ms = dims(xo, sizes), ks = dims(con, sizes), ns = dims(yo, sizes);
        int bn = prod(bs), m = prod(ms), k = prod(ks), n = prod(ns);
        a = Mx.reshape(a, bn, m, k);
        b = Mx.reshape(b, bn, k, n);
        Array r;
        DType t = DType.promote(a.dtype(), b.dtype());
        if (con.isEmpty()) r = Mx.multiply(a, b); // (B, M, 1) * (B, 1, N)
        else if (t.isFloating()) r = Mx.matmul(a, b);
        else r = Mx.sum(Mx.multiply(Mx.expandDims(a, 3), Mx.expandDims(b, 1)), 2);
        List<Integer> labels = new ArrayList<>(batch);
        labels.addAll(xo);
        labels.addAll(yo);
        int[] shape = Products.concat(Products.concat(bs, ms), ns);
        return new Term(Mx.reshape(r, shape), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The term transposed to the label order {@code g1, g2, g3}, size-1 axes broadcast to the labels' sizes. */
    private static Array arrange(Term t, List<Integer> g1, List<Integer> g2, List<Integer> g3, int[] sizes) {
        int[] perm = new int[t.labels.length];
        int[] shape = new int[perm.length];
        int k = 0;
        for (List<Integer> g : List.of(g1, g2, g3)) {
            for (int l : g) {
                shape[k] = sizes[l];
                perm[k++] = indexOf(t.labels, l);
            }
        }
        Array a = Mx.transpose(t.array, perm);
        return Arrays.equals(a.shape(), shape) ? a : Mx.broadcastTo(a, shape);
    }

    private static int[] dims(List<Integer> labels, int[] sizes) {
        int[] d = new int[labels.size()];
        for (int i = 0; i < d.length; i++) d[i] = sizes[labels.get(i)];
        return d;
    }

    private static int prod(int[] d) {
        long p = 1;
        for (int x : d) p *= x;
        return Math.toIntExact(p);
    }
}
