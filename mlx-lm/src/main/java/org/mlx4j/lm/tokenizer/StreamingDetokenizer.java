package org.mlx4j.lm.tokenizer;

/**
 * Turns token ids into text one id at a time, as they are generated: {@link #add(int)} returns only the text that
 * is final, never half a UTF-8 character and never a wrong leading space. Each step decodes the ids after the last
 * final token together with that token, so a metaspace decoder's start-of-text rule applies only at the real
 * start; a byte-level character spread over several tokens waits for its last byte; a run of byte-fallback tokens
 * waits for the token after it (the run decodes as a whole); with transformers' clean-up of spaces, a space that a
 * following {@code .} or {@code 's} would remove waits for it. The pieces joined, {@link #flush()} last, equal
 * {@link Tokenizer#decode(int[], boolean)} of all the ids.
 */
public final class StreamingDetokenizer {
    /** transformers' clean-up patterns, each starting with the space it removes. */
    private static final String[] CLEANUP_PATTERNS = {" .", " ?", " !", " ,", " ' ", " n't", " 'm", " 's", " 've", " 're"};

    private final Tokenizer tokenizer;
    private final boolean skipSpecialTokens;
    private final IntList ids = new IntList(64);
    private final StringBuilder text = new StringBuilder();
    private String pendingCleanup = "";
    private int prefixOffset;
    private int readOffset;

    StreamingDetokenizer(Tokenizer tokenizer, boolean skipSpecialTokens) {
        this.tokenizer = tokenizer;
        this.skipSpecialTokens = skipSpecialTokens;
    }

    /**
     * Adds the next token id.
     *
     * @param id the token id
     * @return the newly final text (often empty while a character is incomplete)
     * @throws IllegalArgumentException when the id is not in the vocabulary
     */
    public String add(int id) {
        tokenizer.idToToken(id);
        ids.add(id);
        return emit(advance(false), false);
    }

    /**
     * Emits what is left, an incomplete character too (as U+FFFD), as {@link Tokenizer#decode(int[])} would.
     *
     * @return the remaining text
     */
    public String flush() {
        return emit(advance(true), true);
    }

    /**
     * The text emitted so far.
     *
     * @return the concatenation of every {@link #add(int)} and {@link #flush()} result
     */
    public String text() {
        return text.toString();
    }

    /** The decoder's new final text, before the clean-up of spaces. */
    private String advance(boolean force) {
        int[] all = ids.array();
        int end = ids.size();
        if (!force) {
            while (end > readOffset && (tokenizer.isJoinedByteToken(all[end - 1]) || skipped(all[end - 1]))) end--;
        }
        if (end == readOffset) return "";
        String before = tokenizer.decodeTokens(all, prefixOffset, readOffset, skipSpecialTokens);
        String now = tokenizer.decodeTokens(all, prefixOffset, end, skipSpecialTokens);
        if (!force && now.endsWith("\uFFFD")) return "";
        String delta = now.length() > before.length() ? now.substring(commonPrefix(before, now)) : "";
        // the next window starts at the last token that decodes (a skipped special token would make the one after
        // it the window's first, which decoders treat differently)
        prefixOffset = readOffset;
        while (prefixOffset > 0 && skipped(all[prefixOffset])) prefixOffset--;
        readOffset = end;
        return delta;
    }

    private boolean skipped(int id) {
        return skipSpecialTokens && tokenizer.specialTokenIds().contains(id);
    }

    /** Cleans up spaces when the tokenizer does, keeping back a tail that text still to come could change. */
    private String emit(String delta, boolean last) {
        String out;
        if (!tokenizer.cleansUpSpaces()) {
            out = delta;
        } else {
            String pending = pendingCleanup + delta;
            int keep = last ? 0 : cleanupTail(pending);
            out = Decoders.cleanUpTokenization(pending.substring(0, pending.length() - keep));
            pendingCleanup = pending.substring(pending.length() - keep);
        }
        text.append(out);
        return out;
    }

    /** The length of the longest suffix of {@code s} that is the start of a clean-up pattern. */
    private static int cleanupTail(String s) {
        for (int start = Math.max(0, s.length() - 4); start < s.length(); start++) {
            String suffix = s.substring(start);
            for (String pattern : CLEANUP_PATTERNS) {
                if (pattern.startsWith(suffix)) return suffix.length();
            }
        }
        return 0;
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) i++;
        return i;
    }
}
