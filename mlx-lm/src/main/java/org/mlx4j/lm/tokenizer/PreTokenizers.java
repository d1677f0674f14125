package org.mlx4j.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the pre-tokenizers of tokenizer.json, as HF {@code tokenizers} defines them. */
final class PreTokenizers {
    /** GPT-2's word pattern, which HF's ByteLevel pre-tokenizer splits with when {@code use_regex} is true. */
    static final String GPT2_REGEX =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
    private static final Pattern WHITESPACE_WORDS = TextPattern.regex("\\w+|[^\\w\\s]+");

    private PreTokenizers() {}

    /** The pre-tokenizer described by {@code node}, or null for none. */
    static PreTokenizer fromJson(JsonNode node) {
        if (node == null || node.isNull()) return null;
        String type = TokenizerJson.type(node, "pre_tokenizer");
        return switch (type) {
            case "ByteLevel" -> byteLevel(node.path("add_prefix_space").asBoolean(true),
                    node.path("use_regex").asBoolean(true));
            case "Split" -> split(TextPattern.compile(node.get("pattern"), "Split pre-tokenizer"),
                    SplitBehavior.fromJson(node.path("behavior").asText()), node.path("invert").asBoolean(false));
            case "Metaspace" -> new MetaspacePreTokenizer(replacement(node), prependScheme(node),
                    node.path("split").asBoolean(true));
            case "Whitespace" -> split(WHITESPACE_WORDS, SplitBehavior.REMOVED, true);
            case "WhitespaceSplit" -> chars(UnicodeText::isWhitespace, SplitBehavior.REMOVED);
            case "BertPreTokenizer" -> sequence(List.of(chars(UnicodeText::isWhitespace, SplitBehavior.REMOVED),
                    chars(UnicodeText::isPunctuation, SplitBehavior.ISOLATED)));
            case "Punctuation" -> chars(UnicodeText::isPunctuation,
                    SplitBehavior.fromJson(node.path("behavior").asText("Isolated")));
            case "Digits" -> chars(c -> c >= '0' && c <= '9', node.path("individual_digits").asBoolean(false)
                    ? SplitBehavior.ISOLATED : SplitBehavior.CONTIGUOUS);
            case "CharDelimiterSplit" -> {
                int delimiter = node.path("delimiter").asText().codePointAt(0);
                yield chars(c -> c == delimiter, SplitBehavior.REMOVED);
            }
            case "Sequence" -> {
                List<PreTokenizer> parts = new ArrayList<>();
                for (JsonNode item : node.get("pretokenizers")) {
                    PreTokenizer p = fromJson(item);
                    if (p != null) parts.add(p);
                }
                yield sequence(parts);
            }
            default -> throw TokenizerJson.unsupported("pre_tokenizer", type, "ByteLevel, Split, Metaspace, "
                    + "Whitespace, WhitespaceSplit, BertPreTokenizer, Punctuation, Digits, CharDelimiterSplit, Sequence");
        };
    }

    static String replacement(JsonNode node) {
        return node.path("replacement").asText("\u2581");
    }

    static String prependScheme(JsonNode node) {
        if (node.has("prepend_scheme")) return node.get("prepend_scheme").asText();
        return node.path("add_prefix_space").asBoolean(true) ? "always" : "never";
    }

    /** HF's ByteLevel: an optional leading space, GPT-2's word split, then each UTF-8 byte as its character. */
    static PreTokenizer byteLevel(boolean addPrefixSpace, boolean useRegex) {
        PreTokenizer words = useRegex ? WordSplitters.forRegex(GPT2_REGEX) : null;
        return (text, atStart, out) -> {
            String t = addPrefixSpace && !text.startsWith(" ") ? " " + text : text;
            if (words == null) out.accept(ByteLevelAlphabet.encode(t), atStart);
            else words.split(t, atStart, (piece, first) -> out.accept(ByteLevelAlphabet.encode(piece), first));
        };
    }

    static PreTokenizer split(Pattern pattern, SplitBehavior behavior, boolean invert) {
        if (behavior == SplitBehavior.ISOLATED && !invert) return WordSplitters.isolating(pattern);
        SplitBehavior.MatchFinder finder = (text, ranges) -> {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                ranges.add(m.start());
                ranges.add(m.end());
            }
        };
        return (text, atStart, out) -> behavior.split(text, atStart, finder, invert, out);
    }

    private static PreTokenizer chars(IntPredicate matches, SplitBehavior behavior) {
        SplitBehavior.MatchFinder finder = (text, ranges) -> {
            for (int i = 0; i < text.length(); ) {
                int c = text.codePointAt(i);
                int n = Character.charCount(c);
                if (matches.test(c)) {
                    ranges.add(i);
                    ranges.add(i + n);
                }
                i += n;
            }
        };
        return (text, atStart, out) -> behavior.split(text, atStart, finder, false, out);
    }

    private static PreTokenizer sequence(List<PreTokenizer> parts) {
        return (text, atStart, out) -> {
            List<String> pieces = new ArrayList<>();
            List<Boolean> starts = new ArrayList<>();
            pieces.add(text);
            starts.add(atStart);
            for (PreTokenizer p : parts) {
                List<String> nextPieces = new ArrayList<>();
                List<Boolean> nextStarts = new ArrayList<>();
                for (int i = 0; i < pieces.size(); i++) {
                    p.split(pieces.get(i), starts.get(i), (piece, first) -> {
                        nextPieces.add(piece);
                        nextStarts.add(first);
                    });
                }
                pieces = nextPieces;
                starts = nextStarts;
            }
            for (int i = 0; i < pieces.size(); i++) out.accept(pieces.get(i), starts.get(i));
        };
    }
}
