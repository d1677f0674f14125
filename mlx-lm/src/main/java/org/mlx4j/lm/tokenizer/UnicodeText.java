package org.mlx4j.lm.tokenizer;

/** Character classes and per-character rewrites as HF {@code tokenizers} (Rust's {@code char}) defines them. */
final class UnicodeText {
    private UnicodeText() {}

    /** Rust's {@code char::is_whitespace}: the Unicode White_Space property. */
    static boolean isWhitespace(int c) {
        return switch (c) {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> c >= 0x2000 && c <= 0x200A;
        };
    }

    /** Lowercases each character on its own, as Rust's {@code char::to_lowercase} (no final-sigma rule). */
    static String lowercase(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int n = Character.charCount(c);
            int lower = Character.toLowerCase(c);
            if (out == null && (lower != c || c == 0x130)) out = new StringBuilder(text.length()).append(text, 0, i);
            if (out != null) {
                if (c == 0x130) out.append("i\u0307");
                else out.appendCodePoint(lower);
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }

    /** Removes the combining marks (general categories Mn, Mc, Me). */
    static String stripMarks(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(c -> !isMark(c)).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** Removes the non-spacing marks (general category Mn), as BertNormalizer's {@code strip_accents} does. */
    static String stripNonSpacingMarks(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(c -> Character.getType(c) != Character.NON_SPACING_MARK).forEach(out::appendCodePoint);
        return out.toString();
    }

    static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** Unicode punctuation (general categories P*). */
    private static boolean isUnicodePunctuation(int c) {
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /**
     * Punctuation as HF's Punctuation and BERT pre-tokenizers see it: every ASCII non-alphanumeric printable
     * character, and Unicode punctuation.
     */
    static boolean isPunctuation(int c) {
        return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)
                || isUnicodePunctuation(c);
    }
}
