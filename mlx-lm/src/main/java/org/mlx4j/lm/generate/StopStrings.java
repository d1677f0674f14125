package org.mlx4j.lm.generate;

import java.util.List;

/**
 * Finds stop strings in growing text, and how much of the text can be shown without possibly showing the start of
 * a stop string that the next tokens complete.
 */
final class StopStrings {
    private final List<String> stops;

    StopStrings(List<String> stops) { this.stops = stops; }

    /** The earliest index at which a stop string starts in {@code text} at or after {@code from}, or -1. */
    int find(String text, int from) {
        int best = -1;
        for (String s : stops) {
            int i = text.indexOf(s, Math.max(0, from - s.length() + 1));
            if (i >= 0 && (best < 0 || i < best)) best = i;
        }
        return best;
    }

    /** The length of {@code text} that no stop string can still reach: the text minus its longest suffix that starts a stop string. */
    int safeLength(String text) {
        int hold = 0;
        for (String s : stops) {
            for (int k = Math.min(s.length() - 1, text.length()); k > hold; k--) {
                if (text.regionMatches(text.length() - k, s, 0, k)) {
                    hold = k;
                    break;
                }
            }
        }
        return text.length() - hold;
    }
}
