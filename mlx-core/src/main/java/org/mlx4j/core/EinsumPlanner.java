package org.mlx4j.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the order of pairwise contractions for {@code einsum}, as NumPy's {@code einsum_path}: an
 * exhaustive search for the cheapest order when there are few operands ({@value #OPTIMAL_LIMIT} or
 * fewer), a greedy choice of the cheapest pair at each step otherwise. Operands are label masks; a step
 * costs the product of the sizes of all labels of its pair, and keeps of them only the labels that the
 * output or a remaining operand still needs.
 */
final class EinsumPlanner {
    static final int OPTIMAL_LIMIT = 6;

    private final EinsumSpec spec;
    private final long outputMask;
    private final Map<List<Long>, Plan> memo = new HashMap<>();

    private EinsumPlanner(EinsumSpec spec) {
        this.spec = spec;
        this.outputMask = EinsumSpec.mask(spec.output());
    }

    /** The steps (pairs of positions in the current list) and their total cost. */
    record Plan(List<int[]> steps, double cost) {}

    static EinsumPath plan(EinsumSpec spec) {
        EinsumPlanner p = new EinsumPlanner(spec);
        List<Long> masks = new ArrayList<>();
        for (int[] in : spec.inputs()) masks.add(EinsumSpec.mask(in));
        Plan plan = masks.size() <= OPTIMAL_LIMIT ? p.optimal(masks) : p.greedy(masks);
        return p.describe(masks, plan);
    }

    double size(long mask) {
        double s = 1;
        for (long m = mask; m != 0; m &= m - 1) s *= spec.sizes()[Long.numberOfTrailingZeros(m)];
        return s;
    }

    /** The labels of the contraction of operands i and j that the output or the other operands need. */
    long resultMask(List<Long> masks, int i, int j) {
        long keep = outputMask;
        for (int k = 0; k < masks.size(); k++) if (k != i && k != j) keep |= masks.get(k);
        return (masks.get(i) | masks.get(j)) & keep;
    }

    private static List<Long> after(List<Long> masks, int i, int j, long result) {
        List<Long> next = new ArrayList<>(masks.size() - 1);
        for (int k = 0; k < masks.size(); k++) if (k != i && k != j) next.add(masks.get(k));
        next.add(result);
        return next;
    }

    private Plan optimal(List<Long> masks) {
        if (masks.size() <= 1) return new Plan(List.of(), 0);
        Plan known = memo.get(masks);
        if (known != null) return known;
        Plan best = null;
        for (int i = 0; i < masks.size(); i++) {
            for (int j = i + 1; j < masks.size(); j++) {
                long r = resultMask(masks, i, j);
                double cost = size(masks.get(i) | masks.get(j));
                Plan rest = optimal(after(masks, i, j, r));
                if (best == null || cost + rest.cost < best.cost) {
                    List<int[]> steps = new ArrayList<>();
                    steps.add(new int[] {i, j});
                    steps.addAll(rest.steps);
                    best = new Plan(steps, cost + rest.cost);
                }
            }
        }
        memo.put(List.copyOf(masks), best);
        return best;
    }

    /** At each step the pair whose contraction costs least (ties: the smaller result). */
    private Plan greedy(List<Long> masks) {
        List<int[]> steps = new ArrayList<>();
        double total = 0;
        List<Long> cur = masks;
        while (cur.size() > 1) {
            int bi = 0, bj = 1;
            double bestCost = Double.POSITIVE_INFINITY, bestSize = Double.POSITIVE_INFINITY;
            for (int i = 0; i < cur.size(); i++) {
                for (int j = i + 1; j < cur.size(); j++) {
                    double cost = size(cur.get(i) | cur.get(j)), out = size(resultMask(cur, i, j));
                    if (cost < bestCost || cost == bestCost && out < bestSize) {
                        bestCost = cost;
                        bestSize = out;
                        bi = i;
                        bj = j;
                    }
                }
            }
            steps.add(new int[] {bi, bj});
            total += bestCost;
            cur = after(cur, bi, bj, resultMask(cur, bi, bj));
        }
        return new Plan(steps, total);
    }

    private EinsumPath describe(List<Long> masks, Plan plan) {
        long all = 0;
        for (long m : masks) all |= m;
        double naive = size(all) * Math.max(1, masks.size() - 1);
        StringBuilder sb = new StringBuilder();
        sb.append("subscripts: ").append(spec.subscripts()).append('\n');
        sb.append("naive cost: ").append(String.format(java.util.Locale.ROOT, "%.4g", naive)).append('\n');
        sb.append("optimized cost: ").append(String.format(java.util.Locale.ROOT, "%.4g", plan.cost())).append('\n');
        long largest = 0;
        List<Long> cur = masks;
        for (int[] step : plan.steps()) {
            long r = resultMask(cur, step[0], step[1]);
            largest = Math.max(largest, (long) size(r));
            sb.append("contract ").append(step[0]).append(", ").append(step[1]).append(": ")
                    .append(letters(cur.get(step[0]))).append(',').append(letters(cur.get(step[1])))
                    .append("->").append(letters(r)).append('\n');
            cur = after(cur, step[0], step[1], r);
        }
        return new EinsumPath(plan.steps(), naive, plan.cost(), largest, sb.toString());
    }

    private String letters(long mask) {
        StringBuilder sb = new StringBuilder();
        for (long m = mask; m != 0; m &= m - 1) sb.append(spec.names()[Long.numberOfTrailingZeros(m)]);
        return sb.toString();
    }
}
