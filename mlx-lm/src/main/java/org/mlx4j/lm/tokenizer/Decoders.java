package org.mlx4j.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the decoders of tokenizer.json, as HF {@code tokenizers} defines them. */
final class Decoders {
    private Decoders() {}

    /** The decoder described by {@code node}, or null for none. */
    static Decoder fromJson(JsonNode node) {
        if (node == null || node.isNull()) return null;
        String type = TokenizerJson.type(node, "decoder");
        return switch (type) {
            case "ByteLevel" -> Decoders::byteLevel;
            case "ByteFallback" -> Decoders::byteFallback;
            case "Fuse" -> tokens -> List.of(String.join("", tokens));
            case "Strip" -> strip(node.path("content").asText(" ").codePointAt(0), node.path("start").asInt(0),
                    node.path("stop").asInt(0));
            case "Replace" -> replace(TextPattern.compile(node.get("pattern"), "Replace decoder"),
                    node.path("content").asText());
            case "Metaspace" -> metaspace(PreTokenizers.replacement(node).codePointAt(0),
                    !PreTokenizers.prependScheme(node).equals("never"));
            case "WordPiece" -> wordPiece(node.path("prefix").asText("##"), node.path("cleanup").asBoolean(true));
            case "BPEDecoder" -> bpe(node.path("suffix").asText("</w>"));
            case "Sequence" -> {
                List<Decoder> parts = new ArrayList<>();
                for (JsonNode item : node.get("decoders")) parts.add(fromJson(item));
                yield tokens -> {
                    for (Decoder d : parts) tokens = d.decodeChain(tokens);
                    return tokens;
                };
            }
            default -> throw TokenizerJson.unsupported("decoder", type,
                    "ByteLevel, ByteFallback, Fuse, Strip, Replace, Metaspace, WordPiece, BPEDecoder, Sequence");
        };
    }

    /** Each token's alphabet characters back to bytes (a token with other characters: its UTF-8), decoded lossily. */
    static List<String> byteLevel(List<String> tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String token : tokens) {
            boolean inAlphabet = true;
            for (int i = 0; i < token.length() && inAlphabet; i++) inAlphabet = ByteLevelAlphabet.byteOf(token.charAt(i)) >= 0;
            if (inAlphabet) {
                for (int i = 0; i < token.length(); i++) bytes.write(ByteLevelAlphabet.byteOf(token.charAt(i)));
            } else {
                bytes.writeBytes(token.getBytes(StandardCharsets.UTF_8));
            }
        }
        return List.of(Utf8.decodeLossy(bytes.toByteArray()));
    }

    /** Runs of {@code <0xXX>} tokens become their UTF-8 text, or one U+FFFD per byte when not valid UTF-8. */
    static List<String> byteFallback(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        for (String token : tokens) {
            int b = byteToken(token);
            if (b >= 0) {
                pending.write(b);
                continue;
            }
            flushBytes(pending, out);
            out.add(token);
        }
        flushBytes(pending, out);
        return out;
    }

    /** The byte of a {@code <0xXX>} token, or -1. */
    static int byteToken(String token) {
        if (token.length() != 6 || !token.startsWith("<0x") || token.charAt(5) != '>') return -1;
        int hi = Character.digit(token.charAt(3), 16);
        int lo = Character.digit(token.charAt(4), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    private static void flushBytes(ByteArrayOutputStream pending, List<String> out) {
        if (pending.size() == 0) return;
        byte[] bytes = pending.toByteArray();
        pending.reset();
        try {
            out.add(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            for (int i = 0; i < bytes.length; i++) out.add("\uFFFD");
        }
    }

    private static Decoder strip(int content, int start, int stop) {
        return tokens -> {
            List<String> out = new ArrayList<>(tokens.size());
            for (String token : tokens) {
                int begin = 0;
                int end = token.length();
                for (int i = 0; i < start && begin < end && token.codePointAt(begin) == content; i++) {
                    begin += Character.charCount(content);
                }
                for (int i = 0; i < stop && end > begin && token.codePointBefore(end) == content; i++) {
                    end -= Character.charCount(content);
                }
                out.add(token.substring(begin, end));
            }
            return out;
        };
    }

    private static Decoder replace(Pattern pattern, String content) {
        String literal = Matcher.quoteReplacement(content);
        return tokens -> tokens.stream().map(t -> pattern.matcher(t).replaceAll(literal)).toList();
    }

    /** The replacement character back to a space; in the first token it is dropped unless nothing is prepended. */
    private static Decoder metaspace(int replacement, boolean prepends) {
        return tokens -> {
            List<String> out = new ArrayList<>(tokens.size());
            for (int t = 0; t < tokens.size(); t++) {
                String token = tokens.get(t);
                StringBuilder s = new StringBuilder(token.length());
                for (int i = 0; i < token.length(); ) {
                    int c = token.codePointAt(i);
                    i += Character.charCount(c);
                    if (c != replacement) s.appendCodePoint(c);
                    else if (t != 0 || !prepends) s.append(' ');
                }
                out.add(s.toString());
            }
            return out;
        };
    }

    private static Decoder wordPiece(String prefix, boolean cleanup) {
        return tokens -> {
            List<String> out = new ArrayList<>(tokens.size());
            for (int i = 0; i < tokens.size(); i++) {
                String token = tokens.get(i);
                if (i != 0) token = token.startsWith(prefix) ? token.substring(prefix.length()) : " " + token;
                out.add(cleanup ? cleanUpTokenization(token) : token);
            }
            return out;
        };
    }

    private static Decoder bpe(String suffix) {
        return tokens -> {
            List<String> out = new ArrayList<>(tokens.size());
            for (int i = 0; i < tokens.size(); i++) {
                out.add(tokens.get(i).replace(suffix, i == tokens.size() - 1 ? "" : " "));
            }
            return out;
        };
    }

    /** HF's {@code clean_up_tokenization}: no space before punctuation and English contractions. */
    static String cleanUpTokenization(String s) {
        return s.replace(" .", ".").replace(" ?", "?").replace(" !", "!").replace(" ,", ",").replace(" ' ", "'")
                .replace(" n't", "n't").replace(" 'm", "'m").replace(" 's", "'s").replace(" 've", "'ve")
                .replace(" 're", "'re");
    }
}
