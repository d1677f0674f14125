package org.mlx4j.lm.tokenizer;

/**
 * HF's Metaspace pre-tokenizer (SentencePiece style): spaces become {@code replacement} (U+2581), which is also put in
 * front of the text ({@code prepend_scheme}: {@code always}, {@code first} = only where the input starts, or
 * {@code never}); with {@code split}, each word begins at a replacement character.
 */
record MetaspacePreTokenizer(String replacement, String prependScheme, boolean splitWords) implements PreTokenizer {

    MetaspacePreTokenizer {
        if (!prependScheme.equals("always") && !prependScheme.equals("first") && !prependScheme.equals("never")) {
            throw TokenizerJson.unsupported("Metaspace prepend_scheme", prependScheme, "always, first, never");
        }
    }

    @Override
    public void split(String text, boolean atStart, PieceSink out) {
        String t = text.replace(" ", replacement);
        boolean prepend = prependScheme.equals("always") || (prependScheme.equals("first") && atStart);
        if (prepend && !t.startsWith(replacement)) t = replacement + t;
        if (!splitWords) {
            out.accept(t, atStart);
            return;
        }
        int r = replacement.codePointAt(0);
        SplitBehavior.MERGED_WITH_NEXT.split(t, atStart, (s, ranges) -> {
            for (int i = s.indexOf(r); i >= 0; i = s.indexOf(r, i + 1)) {
                ranges.add(i);
                ranges.add(i + Character.charCount(r));
            }
        }, false, out);
    }
}
