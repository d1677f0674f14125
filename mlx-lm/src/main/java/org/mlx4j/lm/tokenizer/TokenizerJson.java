package org.mlx4j.lm.tokenizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a tokenizer.json file into the pipeline's parts, and names what is wrong with a bad one. */
final class TokenizerJson {
    /** Field names are not interned: a vocabulary's hundred thousand tokens would only fill the symbol table. */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build());

    final Normalizer normalizer;
    final PreTokenizer preTokenizer;
    final TokenModel model;
    final PostProcessor postProcessor;
    final Decoder decoder;
    final List<AddedToken> addedTokens;
    /** Whether the decoder has a ByteFallback step. */
    final boolean decoderJoinsByteRuns;

    private TokenizerJson(JsonNode root, ModelSection modelSection) {
        if (modelSection == null) throw invalid("file", "has no \"model\" object");
        addedTokens = new ArrayList<>();
        for (JsonNode t : root.path("added_tokens")) addedTokens.add(AddedToken.fromJson(t));
        normalizer = Normalizers.fromJson(root.get("normalizer"));
        preTokenizer = PreTokenizers.fromJson(root.get("pre_tokenizer"));
        model = model(modelSection);
        postProcessor = PostProcessors.fromJson(root.get("post_processor"));
        decoder = Decoders.fromJson(root.get("decoder"));
        decoderJoinsByteRuns = root.hasNonNull("decoder")
                && root.get("decoder").findValuesAsText("type").contains("ByteFallback");
    }

    static TokenizerJson read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try (JsonParser p = MAPPER.createParser(bytes)) {
            return parse(p);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static TokenizerJson parse(String json) {
        try (JsonParser p = MAPPER.createParser(json)) {
            return parse(p);
        } catch (IOException e) {
            throw new IllegalArgumentException("tokenizer.json: not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The top-level object: {@code model} streamed ({@link ModelSection}), the other fields as small trees. */
    private static TokenizerJson parse(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) throw invalid("file", "is not a JSON object");
        ObjectNode root = MAPPER.createObjectNode();
        ModelSection model = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("model")) model = ModelSection.read(p);
            else root.set(name, p.readValueAsTree());
        }
        return new TokenizerJson(root, model);
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

    private static TokenModel model(ModelSection section) {
        JsonNode node = section.settings();
        String type = node.hasNonNull("type") ? node.get("type").asText()
                : section.merges() != null ? "BPE" : node.has("max_input_chars_per_word") ? "WordPiece" : "WordLevel";
        return switch (type) {
            case "BPE" -> new BpeModel(section);
            case "WordPiece" -> new WordPieceModel(section);
            case "WordLevel" -> new WordLevelModel(section);
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
