package org.mlx4j.lm.tokenizer;

/**
 * Turns token ids into text one id at a time, as they are generated: {@link #add(int)} returns only the text that
 * is complete, never half a UTF-8 character (a byte-level or byte-fallback character spread over several tokens
 * waits for its last byte) and never a wrong leading space (each step decodes the new ids after the previous
 * token, so a metaspace decoder's start-of-text rule applies only at the real start). The pieces joined, with
 * {@link #flush()} last, equal {@link Tokenizer#decode(int[], boolean)} of all the ids.
 */
public final class StreamingDetokenizer {
    private final Tokenizer tokenizer;
    private final boolean skipSpecialTokens;
    private final IntList ids = new IntList(64);
    private final StringBuilder text = new StringBuilder();
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
     * @return the newly completed text (empty while a character is incomplete)
     * @throws IllegalArgumentException when the id is not in the vocabulary
     */
    public String add(int id) {
        tokenizer.idToToken(id);
        ids.add(id);
        return advance(false);
    }

    /**
     * Emits what is left, even an incomplete character (as U+FFFD), as {@link Tokenizer#decode(int[])} would.
     *
     * @return the remaining text
     */
    public String flush() {
        return advance(true);
    }

    /**
     * The text emitted so far.
     *
     * @return the concatenation of every {@link #add(int)} and {@link #flush()} result
     */
    public String text() {
        return text.toString();
    }

    private String advance(boolean force) {
        int[] all = ids.array();
        int size = ids.size();
        String before = tokenizer.decode(all, prefixOffset, readOffset, skipSpecialTokens);
        String now = tokenizer.decode(all, prefixOffset, size, skipSpecialTokens);
        if (now.length() <= before.length() || (!force && now.endsWith("\uFFFD"))) return "";
        String delta = now.substring(commonPrefix(before, now));
        prefixOffset = readOffset;
        readOffset = size;
        text.append(delta);
        return delta;
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) i++;
        return i;
    }
}
