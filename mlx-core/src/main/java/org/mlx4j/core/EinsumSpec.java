package org.mlx4j.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A parsed {@code einsum} subscript string checked against the operands' shapes. Labels are small ints:
 * the axes an ellipsis stands for get {@code 0 .. ellipsisRank-1} (aligned from the right, as broadcasting
 * aligns them), letters get {@code ellipsisRank + position in "A..Za..z"}. Without {@code ->} the output is
 * the ellipsis axes followed by the letters used exactly once, in alphabetical order (NumPy's implicit mode).
 */
record EinsumSpec(String subscripts, int[][] inputs, int[] output, int[] sizes, String[] names) {
    static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** The number of distinct labels. */
    int numLabels() { return sizes.length; }

    /** Bit mask of a label list (at most 64 labels). */
    static long mask(int[] labels) {
        long m = 0;
        for (int l : labels) m |= 1L << l;
        return m;
    }

    static EinsumSpec parse(String subscripts, int[][] shapes) {
        String op = "einsum";
        if (subscripts == null) throw new IllegalArgumentException(op + ": the subscripts are null");
        String s = subscripts.replace(" ", "");
        int arrow = s.indexOf("->");
        String lhs = arrow >= 0 ? s.substring(0, arrow) : s;
        String rhs = arrow >= 0 ? s.substring(arrow + 2) : null;
        if (rhs != null && rhs.contains("->")) throw bad(subscripts, "'->' appears more than once");
        String[] terms = lhs.split(",", -1);
        if (terms.length != shapes.length) {
            throw bad(subscripts, terms.length + " operand subscript" + (terms.length == 1 ? "" : "s") + " for "
                    + shapes.length + " operand" + (shapes.length == 1 ? "" : "s"));
        }
        int ellipsisRank = 0;
        int[] explicit = new int[terms.length];
        for (int i = 0; i < terms.length; i++) {
            explicit[i] = checkTerm(subscripts, terms[i]);
            boolean dots = terms[i].contains("...");
            if (!dots && explicit[i] != shapes[i].length || dots && explicit[i] > shapes[i].length) {
                throw bad(subscripts, "operand " + i + " has " + shapes[i].length + " dimensions (shape " + Shapes.str(shapes[i])
                        + ") but its subscript '" + terms[i] + "' names " + explicit[i]);
            }
            if (dots) ellipsisRank = Math.max(ellipsisRank, shapes[i].length - explicit[i]);
        }
        int numLabels = ellipsisRank + LETTERS.length();
        int[] sizes = new int[numLabels];
        Arrays.fill(sizes, -1);
        int[] counts = new int[numLabels];
        int[][] inputs = new int[terms.length][];
        for (int i = 0; i < terms.length; i++) {
            inputs[i] = labels(terms[i], shapes[i].length - explicit[i], ellipsisRank);
            for (int d = 0; d < inputs[i].length; d++) {
                int l = inputs[i][d], n = shapes[i][d];
                counts[l]++;
                if (sizes[l] == -1 || sizes[l] == 1) sizes[l] = n;
                else if (n != 1 && n != sizes[l]) {
                    throw bad(subscripts, "label '" + name(l, ellipsisRank) + "' has sizes " + sizes[l] + " and " + n
                            + " (operand " + i + ", shape " + Shapes.str(shapes[i]) + ")");
                }
            }
        }
        int[] output;
        if (rhs == null) {
            List<Integer> out = new ArrayList<>();
            for (int l = 0; l < ellipsisRank; l++) if (counts[l] > 0) out.add(l);
            for (int l = ellipsisRank; l < numLabels; l++) if (counts[l] == 1) out.add(l);
            output = out.stream().mapToInt(Integer::intValue).toArray();
        } else {
            checkTerm(subscripts, rhs);
            boolean usesEllipsis = false;
            for (int[] in : inputs) for (int l : in) usesEllipsis |= l < ellipsisRank;
            if (usesEllipsis && !rhs.contains("...")) {
                throw bad(subscripts, "the operands use '...' with dimensions in it, so the output must name '...' too");
            }
            output = labels(rhs, rhs.contains("...") ? ellipsisRank : 0, ellipsisRank);
            boolean[] seen = new boolean[numLabels];
            for (int l : output) {
                if (seen[l]) throw bad(subscripts, "the output names '" + name(l, ellipsisRank) + "' twice");
                seen[l] = true;
                if (counts[l] == 0) throw bad(subscripts, "the output names '" + name(l, ellipsisRank) + "', which no operand has");
            }
        }
        // renumber the labels in use 0..n-1, so that masks of them fit in a long
        int[] compact = new int[numLabels];
        int used = 0;
        for (int l = 0; l < numLabels; l++) compact[l] = counts[l] > 0 ? used++ : -1;
        if (used > 64) throw bad(subscripts, used + " distinct axes; at most 64 are supported");
        int[] usedSizes = new int[used];
        String[] names = new String[used];
        for (int l = 0; l < numLabels; l++) {
            if (counts[l] > 0) {
                usedSizes[compact[l]] = sizes[l];
                names[compact[l]] = name(l, ellipsisRank);
            }
        }
        for (int[] in : inputs) for (int d = 0; d < in.length; d++) in[d] = compact[in[d]];
        for (int d = 0; d < output.length; d++) output[d] = compact[output[d]];
        return new EinsumSpec(subscripts, inputs, output, usedSizes, names);
    }

    /** The number of letters of a term (checking its characters and its one optional ellipsis). */
    private static int checkTerm(String subscripts, String term) {
        int dots = term.indexOf("...");
        if (dots >= 0 && term.indexOf("...", dots + 1) >= 0) throw bad(subscripts, "'...' appears twice in '" + term + "'");
        String letters = dots >= 0 ? term.substring(0, dots) + term.substring(dots + 3) : term;
        for (char c : letters.toCharArray()) {
            if (LETTERS.indexOf(c) < 0) {
                throw bad(subscripts, "'" + c + "' is not a valid subscript (use letters a-z, A-Z and '...')");
            }
        }
        return letters.length();
    }

    private static int[] labels(String term, int ellipsisDims, int ellipsisRank) {
        int dots = term.indexOf("...");
        String before = dots >= 0 ? term.substring(0, dots) : term, after = dots >= 0 ? term.substring(dots + 3) : "";
        int[] out = new int[before.length() + (dots >= 0 ? ellipsisDims : 0) + after.length()];
        int k = 0;
        for (char c : before.toCharArray()) out[k++] = ellipsisRank + LETTERS.indexOf(c);
        if (dots >= 0) for (int e = ellipsisRank - ellipsisDims; e < ellipsisRank; e++) out[k++] = e;
        for (char c : after.toCharArray()) out[k++] = ellipsisRank + LETTERS.indexOf(c);
        return out;
    }

    private static String name(int label, int ellipsisRank) {
        return label < ellipsisRank ? "...[" + label + "]" : String.valueOf(LETTERS.charAt(label - ellipsisRank));
    }

    private static IllegalArgumentException bad(String subscripts, String why) {
        return new IllegalArgumentException("einsum: invalid subscripts '" + subscripts + "': " + why);
    }
}
