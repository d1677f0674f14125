package org.mlx4j.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a tokenizer.json file into the pipeline's parts, and names what is wrong with a bad one. */
final class TokenizerJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    final Normalizer normalizer;
    final PreTokenizer preTokenizer;
    final TokenModel model;
    final PostProcessor postProcessor;
    final Decoder decoder;
    final List<AddedToken> addedTokens;
    /** Whether the decoder has a ByteFallback step. */
    final boolean decoderJoinsByteRuns;

    private TokenizerJson(JsonNode root) {
        if (!root.isObject() || !root.has("model")) throw invalid("file", "has no \"model\" object");
        addedTokens = new ArrayList<>();
        for (JsonNode t : root.path("added_tokens")) addedTokens.add(AddedToken.fromJson(t));
        normalizer = Normalizers.fromJson(root.get("normalizer"));
        preTokenizer = PreTokenizers.fromJson(root.get("pre_tokenizer"));
        model = model(root.get("model"));
        postProcessor = PostProcessors.fromJson(root.get("post_processor"));
        decoder = Decoders.fromJson(root.get("decoder"));
        decoderJoinsByteRuns = root.hasNonNull("decoder")
                && root.get("decoder").findValuesAsText("type").contains("ByteFallback");
    }

    static TokenizerJson read(Path file) {
        return new TokenizerJson(readTree(file));
    }

    static TokenizerJson parse(String json) {
        try {
            return new TokenizerJson(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("tokenizer.json: not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Parses a JSON file; a missing file or bad JSON is an exception naming the file. */
    static JsonNode readTree(Path file) {
        try {
            return MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file, e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static TokenModel model(JsonNode node) {
        String type = node.hasNonNull("type") ? node.get("type").asText()
                : node.has("merges") ? "BPE" : node.has("max_input_chars_per_word") ? "WordPiece" : "WordLevel";
        return switch (type) {
            case "BPE" -> new BpeModel(node);
            case "WordPiece" -> new WordPieceModel(node);
            case "WordLevel" -> new WordLevelModel(node);
            default -> throw unsupported("model", type, "BPE, WordPiece, WordLevel");
        };
    }

    static String type(JsonNode node, String kind) {
        if (!node.hasNonNull("type")) throw invalid(kind, node + " has no \"type\"");
        return node.get("type").asText();
    }

    static IllegalArgumentException invalid(String where, String what) {
        return new IllegalArgumentException("tokenizer.json: " + where + " " + what);
    }

    static IllegalArgumentException unsupported(String kind, String type, String supported) {
        return new IllegalArgumentException("tokenizer.json: unsupported " + kind + " type \"" + type
                + "\"; supported: " + supported);
    }
}
