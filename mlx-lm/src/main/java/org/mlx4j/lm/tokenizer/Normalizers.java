package org.mlx4j.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the normalizers of tokenizer.json, as HF {@code tokenizers} defines them. */
final class Normalizers {
    private Normalizers() {}

    /** The normalizer described by {@code node}, or null for none. */
    static Normalizer fromJson(JsonNode node) {
        if (node == null || node.isNull()) return null;
        String type = TokenizerJson.type(node, "normalizer");
        return switch (type) {
            case "NFC" -> text -> java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
            case "NFD" -> text -> java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD);
            case "NFKC" -> text -> java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
            case "NFKD" -> text -> java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKD);
            case "Lowercase" -> UnicodeText::lowercase;
            case "StripAccents" -> UnicodeText::stripMarks;
            case "Strip" -> strip(node.path("strip_left").asBoolean(true), node.path("strip_right").asBoolean(true));
            case "Prepend" -> prepend(node.path("prepend").asText());
            case "Replace" -> replace(TextPattern.compile(node.get("pattern"), "Replace normalizer"),
                    node.path("content").asText());
            case "ByteLevel" -> ByteLevelAlphabet::encode;
            case "BertNormalizer" -> new BertNormalizer(node.path("clean_text").asBoolean(true),
                    node.path("handle_chinese_chars").asBoolean(true),
                    node.path("strip_accents").isBoolean() ? node.get("strip_accents").asBoolean()
                            : node.path("lowercase").asBoolean(true),
                    node.path("lowercase").asBoolean(true));
            case "Sequence" -> sequence(node.get("normalizers"));
            default -> throw TokenizerJson.unsupported("normalizer", type,
                    "NFC, NFD, NFKC, NFKD, Lowercase, StripAccents, Strip, Prepend, Replace, ByteLevel, BertNormalizer, Sequence");
        };
    }

    private static Normalizer sequence(JsonNode list) {
        List<Normalizer> parts = new ArrayList<>();
        for (JsonNode item : list) {
            Normalizer n = fromJson(item);
            if (n != null) parts.add(n);
        }
        return text -> {
            for (Normalizer n : parts) text = n.normalize(text);
            return text;
        };
    }

    private static Normalizer prepend(String prefix) {
        return text -> text.isEmpty() ? text : prefix + text;
    }

    private static Normalizer replace(Pattern pattern, String content) {
        String literal = Matcher.quoteReplacement(content);
        return text -> pattern.matcher(text).replaceAll(literal);
    }

    private static Normalizer strip(boolean left, boolean right) {
        return text -> {
            int start = 0;
            int end = text.length();
            while (left && start < end && UnicodeText.isWhitespace(text.codePointAt(start))) {
                start += Character.charCount(text.codePointAt(start));
            }
            while (right && end > start && UnicodeText.isWhitespace(text.codePointBefore(end))) {
                end -= Character.charCount(text.codePointBefore(end));
            }
            return text.substring(start, end);
        };
    }
}
