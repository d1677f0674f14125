package org.mlx4j.lm.tokenizer;

/**
 * What a split does with the pieces it matched (HF {@code SplitDelimiterBehavior}): drop them, keep them on their
 * own, glue them to the piece before or after, or glue runs of matches together.
 */
enum SplitBehavior {
    REMOVED, ISOLATED, MERGED_WITH_PREVIOUS, MERGED_WITH_NEXT, CONTIGUOUS;

    static SplitBehavior fromJson(String name) {
        return switch (name) {
            case "Removed" -> REMOVED;
            case "Isolated" -> ISOLATED;
            case "MergedWithPrevious" -> MERGED_WITH_PREVIOUS;
            case "MergedWithNext" -> MERGED_WITH_NEXT;
            case "Contiguous" -> CONTIGUOUS;
            default -> throw TokenizerJson.unsupported("split behavior", name,
                    "Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous");
        };
    }

    /** Finds the matched ranges of a text: appends {@code start, end} pairs, in order, not overlapping. */
    @FunctionalInterface
    interface MatchFinder {
        void find(String text, IntList ranges);
    }

    /**
     * Splits {@code text} at the ranges {@code finder} matches ({@code invert}: at the ranges between them) and hands
     * the non-empty pieces to {@code out}.
     */
    void split(String text, boolean atStart, MatchFinder finder, boolean invert, PreTokenizer.PieceSink out) {
        IntList ranges = new IntList(16);
        finder.find(text, ranges);
        int[] r = ranges.toArray();
        // segments: start, end, isMatch (1/0), covering the whole text
        IntList segments = new IntList(r.length * 3 + 3);
        int previous = 0;
        for (int i = 0; i < r.length; i += 2) {
            if (r[i] > previous) addSegment(segments, previous, r[i], invert);
            addSegment(segments, r[i], r[i + 1], !invert);
            previous = r[i + 1];
        }
        if (previous < text.length() || text.isEmpty()) addSegment(segments, previous, text.length(), invert);
        int[] s = segments.toArray();
        IntList kept = new IntList(s.length);
        boolean previousMatch = false;
        switch (this) {
            case REMOVED -> {
                for (int i = 0; i < s.length; i += 3) if (s[i + 2] == 0) keep(kept, s[i], s[i + 1]);
            }
            case ISOLATED -> {
                for (int i = 0; i < s.length; i += 3) keep(kept, s[i], s[i + 1]);
            }
            case MERGED_WITH_PREVIOUS, CONTIGUOUS -> {
                int count = 0;
                int[] starts = new int[s.length / 3];
                int[] ends = new int[s.length / 3];
                for (int i = 0; i < s.length; i += 3) {
                    boolean match = s[i + 2] == 1;
                    boolean glue = this == CONTIGUOUS ? match == previousMatch : match && !previousMatch;
                    if (glue && count > 0) ends[count - 1] = s[i + 1];
                    else {
                        starts[count] = s[i];
                        ends[count++] = s[i + 1];
                    }
                    previousMatch = match;
                }
                for (int i = 0; i < count; i++) keep(kept, starts[i], ends[i]);
            }
            case MERGED_WITH_NEXT -> {
                int n = s.length / 3;
                int[] starts = new int[n];
                int[] ends = new int[n];
                int count = 0;
                for (int i = n - 1; i >= 0; i--) {
                    boolean match = s[3 * i + 2] == 1;
                    if (match && !previousMatch && count > 0) starts[count - 1] = s[3 * i];
                    else {
                        starts[count] = s[3 * i];
                        ends[count++] = s[3 * i + 1];
                    }
                    previousMatch = match;
                }
                for (int i = count - 1; i >= 0; i--) keep(kept, starts[i], ends[i]);
            }
        }
        int[] k = kept.toArray();
        for (int i = 0; i < k.length; i += 2) {
            out.accept(text.substring(k[i], k[i + 1]), atStart && k[i] == 0);
        }
    }

    private static void addSegment(IntList segments, int start, int end, boolean match) {
        segments.add(start);
        segments.add(end);
        segments.add(match ? 1 : 0);
    }

    private static void keep(IntList kept, int start, int end) {
        if (end > start) {
            kept.add(start);
            kept.add(end);
        }
    }
}
