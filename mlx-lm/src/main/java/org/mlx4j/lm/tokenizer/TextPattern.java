package org.mlx4j.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * The {@code pattern} of tokenizer.json's Split pre-tokenizer and Replace normalizer/decoder: {@code {"String": s}}
 * (a literal) or {@code {"Regex": r}} (an Oniguruma regex; Java's engine with Unicode character classes accepts the
 * patterns tokenizers use: {@code \p{L}}, {@code \p{N}}, lookaheads, {@code (?i:...)}).
 */
final class TextPattern {
    private TextPattern() {}

    static Pattern compile(JsonNode pattern, String where) {
        if (pattern == null || pattern.isNull()) throw TokenizerJson.invalid(where, "has no pattern");
        if (pattern.has("String")) return Pattern.compile(Pattern.quote(pattern.get("String").asText()));
        if (pattern.has("Regex")) return regex(pattern.get("Regex").asText());
        throw TokenizerJson.invalid(where, "pattern must be {\"String\": ...} or {\"Regex\": ...}, got " + pattern);
    }

    static Pattern regex(String regex) {
        return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
    }

    /** The literal string of a {@code {"String": s}} pattern, or null for a regex. */
    static String literal(JsonNode pattern) {
        return pattern != null && pattern.has("String") ? pattern.get("String").asText() : null;
    }
}
