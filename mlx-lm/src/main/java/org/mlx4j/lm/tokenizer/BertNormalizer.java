package org.mlx4j.lm.tokenizer;

/**
 * HF's {@code BertNormalizer}: drops control characters and maps whitespace to spaces ({@code clean_text}), puts
 * spaces around CJK ideographs ({@code handle_chinese_chars}), strips accents and lowercases.
 */
record BertNormalizer(boolean cleanText, boolean chineseChars, boolean stripAccents, boolean lowercase)
        implements Normalizer {

    @Override
    public String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (cleanText) {
                if (c == 0 || c == 0xFFFD || isControl(c)) continue;
                if (UnicodeText.isWhitespace(c)) c = ' ';
            }
            if (chineseChars && isChinese(c)) out.append(' ').appendCodePoint(c).append(' ');
            else out.appendCodePoint(c);
        }
        String s = out.toString();
        if (stripAccents) s = UnicodeText.stripNonSpacingMarks(java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD));
        if (lowercase) s = UnicodeText.lowercase(s);
        return s;
    }

    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') return false;
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.PRIVATE_USE,
                 Character.SURROGATE -> true;
            default -> false;
        };
    }

    private static boolean isChinese(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
