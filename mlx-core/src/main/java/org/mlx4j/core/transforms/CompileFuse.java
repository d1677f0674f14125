package org.mlx4j.core.transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.Elementwise;
import org.mlx4j.core.primitives.AsType;
import org.mlx4j.core.primitives.Binary;
import org.mlx4j.core.primitives.BroadcastTo;
import org.mlx4j.core.primitives.Compiled;
import org.mlx4j.core.primitives.Primitive;
import org.mlx4j.core.primitives.Unary;
import org.mlx4j.core.primitives.Where;

/**
 * Fuses element-wise regions of a tape into {@link Compiled} steps.
 *
 * <p>A region grows from a root (an element-wise step, visited from the outputs backwards) over its
 * producers: a producer joins when it is element-wise ({@code Unary}, {@code Binary}, {@code Where},
 * {@code AsType}) or a {@code BroadcastTo} feeding them, has the root's output shape, is not an output
 * of the function, and every consumer of its value is already in the region, so no intermediate of the
 * region is needed outside it and none is materialised. A {@code BroadcastTo} in a region disappears:
 * the fused kernel reads its source with the broadcast. Producers are visited latest first, so when one
 * is considered all of its possible consumers in the region have been decided. Regions of a single op
 * stay as they are (MLX does the same), except under {@code shapeless}, where every element-wise op is
 * fused so that broadcasting follows the shapes of each call. A region never spans two streams.
 */
final class CompileFuse {
    private CompileFuse() {}

    static CompileTape fuse(CompileTape t, boolean shapeless) {
        List<CompileTape.Step> steps = t.steps;
        int n = steps.size();
        int[] producer = new int[t.numValues()];
        Arrays.fill(producer, -1);
        for (int s = 0; s < n; s++) {
            CompileTape.Step st = steps.get(s);
            for (int o = 0; o < st.numOutputs(); o++) producer[st.firstOutput() + o] = s;
        }
        List<List<Integer>> consumers = new ArrayList<>(t.numValues());
        for (int v = 0; v < t.numValues(); v++) consumers.add(new ArrayList<>(2));
        for (int s = 0; s < n; s++) for (int v : steps.get(s).inputs()) consumers.get(v).add(s);
        boolean[] isOutput = new boolean[t.numValues()];
        for (int v : t.outputs) isOutput[v] = true;

        int[] region = new int[n];
        Arrays.fill(region, -1);
        Map<Integer, Compiled> programs = new HashMap<>(); // root step -> its program
        Map<Integer, int[]> regionInputs = new HashMap<>();
        for (int root = n - 1; root >= 0; root--) {
            if (region[root] >= 0 || !isCompute(steps.get(root), t)) continue;
            int[] shape = steps.get(root).shapes()[0];
            List<Integer> members = new ArrayList<>();
            members.add(root);
            region[root] = root;
            PriorityQueue<Integer> candidates = new PriorityQueue<>((a, b) -> Integer.compare(b, a));
            addProducers(steps.get(root), producer, candidates);
            while (!candidates.isEmpty()) {
                int c = candidates.poll();
                if (region[c] >= 0) continue;
                CompileTape.Step cs = steps.get(c);
                if (!isFusible(cs, t) || !Arrays.equals(cs.shapes()[0], shape) || isOutput[cs.firstOutput()]
                        || cs.stream() != steps.get(root).stream()) continue;
                boolean inside = true;
                for (int user : consumers.get(cs.firstOutput())) inside &= region[user] == root;
                if (!inside) continue;
                members.add(c);
                region[c] = root;
                addProducers(cs, producer, candidates);
            }
            int computeOps = 0;
            for (int m : members) if (isCompute(steps.get(m), t)) computeOps++;
            if (computeOps < (shapeless ? 1 : 2)) {
                for (int m : members) region[m] = -1;
                region[root] = -2; // stays a plain step; never a root again
                continue;
            }
            members.sort(Integer::compare);
            List<Integer> inputs = new ArrayList<>();
            programs.put(root, program(members, steps, t, inputs));
            regionInputs.put(root, inputs.stream().mapToInt(Integer::intValue).toArray());
        }

        List<CompileTape.Step> out = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            CompileTape.Step st = steps.get(s);
            if (region[s] < 0) {
                out.add(st);
            } else if (region[s] == s) {
                out.add(st.withPrimitive(programs.get(s), regionInputs.get(s)));
            }
        }
        return new CompileTape(t.numInputs, t.constants, withoutDeadSteps(out, t), t.outputs, t.shapes, t.dtypes);
    }

    private static void addProducers(CompileTape.Step s, int[] producer, PriorityQueue<Integer> candidates) {
        for (int v : s.inputs()) if (producer[v] >= 0) candidates.add(producer[v]);
    }

    /**
     * The program of a region (members in topological order, the root last). A {@code BroadcastTo}
     * member stands for its source; values from outside the region become the program's inputs
     * (collected into {@code inputs}, each once).
     */
    private static Compiled program(List<Integer> members, List<CompileTape.Step> steps, CompileTape t, List<Integer> inputs) {
        Map<Integer, Integer> local = new HashMap<>(); // tape value -> program value, for region members
        Map<Integer, Integer> alias = new HashMap<>(); // BroadcastTo member's value -> the value it reads
        List<Compiled.Instr> instrs = new ArrayList<>();
        List<Integer> externals = new ArrayList<>();
        List<Object[]> pending = new ArrayList<>(); // (primitive, tape operands, dtype) until inputs are known
        for (int m : members) {
            CompileTape.Step s = steps.get(m);
            if (s.primitive() instanceof BroadcastTo) {
                alias.put(s.firstOutput(), s.inputs()[0]);
                continue;
            }
            int[] operands = new int[s.inputs().length];
            for (int k = 0; k < operands.length; k++) {
                int v = s.inputs()[k];
                while (alias.containsKey(v)) v = alias.get(v);
                operands[k] = v;
                if (!isMemberValue(v, members, steps) && !externals.contains(v)) externals.add(v);
            }
            pending.add(new Object[] {s.primitive(), operands, s.dtypes()[0], s.firstOutput()});
        }
        inputs.addAll(externals);
        for (int i = 0; i < externals.size(); i++) local.put(externals.get(i), i);
        for (Object[] p : pending) {
            int[] operands = (int[]) p[1];
            int[] args = new int[operands.length];
            for (int k = 0; k < args.length; k++) args[k] = local.get(operands[k]);
            local.put((Integer) p[3], externals.size() + instrs.size());
            instrs.add(new Compiled.Instr((Primitive) p[0], args, (DType) p[2]));
        }
        List<DType> types = new ArrayList<>(externals.size());
        for (int v : externals) types.add(t.dtypes[v]);
        return new Compiled(types, instrs);
    }

    private static boolean isMemberValue(int v, List<Integer> members, List<CompileTape.Step> steps) {
        for (int m : members) if (steps.get(m).firstOutput() == v) return true;
        return false;
    }

    /** An element-wise op the fused kernels evaluate (complex values stay unfused). */
    static boolean isCompute(CompileTape.Step s, CompileTape t) {
        if (s.numOutputs() != 1 || s.dtypes()[0].isComplex()) return false;
        for (int v : s.inputs()) if (t.dtypes[v].isComplex()) return false;
        return switch (Elementwise.of(s.primitive())) {
            case null -> false;
            case Elementwise.OfUnary u -> true; // real, imag and conjugate only exist on complex inputs: excluded above
            case Elementwise.OfBinary b -> true;
            case Elementwise.Select w -> true;
            case Elementwise.Convert a -> true;
        };
    }

    private static boolean isFusible(CompileTape.Step s, CompileTape t) {
        if (isCompute(s, t)) return true;
        return s.primitive() instanceof BroadcastTo && s.numOutputs() == 1 && !s.dtypes()[0].isComplex();
    }

    /** Drops steps none of whose outputs the function's outputs need. */
    private static List<CompileTape.Step> withoutDeadSteps(List<CompileTape.Step> steps, CompileTape t) {
        boolean[] needed = new boolean[t.numValues()];
        for (int v : t.outputs) needed[v] = true;
        boolean[] keep = new boolean[steps.size()];
        for (int s = steps.size() - 1; s >= 0; s--) {
            CompileTape.Step st = steps.get(s);
            for (int o = 0; o < st.numOutputs(); o++) keep[s] |= needed[st.firstOutput() + o];
            if (keep[s]) for (int v : st.inputs()) needed[v] = true;
        }
        List<CompileTape.Step> r = new ArrayList<>(steps.size());
        for (int s = 0; s < steps.size(); s++) if (keep[s]) r.add(steps.get(s));
        return r;
    }
}
