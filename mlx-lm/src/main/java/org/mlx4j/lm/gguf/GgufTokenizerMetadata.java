package org.mlx4j.lm.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * The {@code tokenizer.ggml.*} metadata llama.cpp reads, from a Hugging Face byte-level BPE {@code tokenizer.json}
 * (GPT-2, Llama 3, Qwen2, SmolLM): model {@code gpt2}, the tokens by id (ids no token has are {@code [PADn]} of
 * type unused, up to the model's vocabulary size), their types (normal, control for special added tokens,
 * user-defined for other added tokens), the merges as {@code "a b"}, the pre-tokenizer's llama.cpp name (from its
 * split regex), BOS/EOS ids and the chat template, as llama.cpp's {@code convert_hf_to_gguf.py} writes them.
 */
final class GgufTokenizerMetadata {
    private GgufTokenizerMetadata() {}

    /** llama.cpp's token types. */
    private static final int NORMAL = 1, UNUSED = 5, CONTROL = 3, USER_DEFINED = 4;

    private static final String LLAMA3_REGEX = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final String QWEN2_REGEX = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    static Map<String, Object> read(Path modelDir, LlamaHfConfig config) {
        Path file = modelDir.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("LlamaGgufExport: " + modelDir + " has no tokenizer.json");
        JsonNode t = Json.read(file), model = t.path("model");
        JsonNode pre = t.path("pre_tokenizer");
        if (!model.path("type").asText().equals("BPE") || !hasByteLevel(pre)) {
            throw new IllegalArgumentException("LlamaGgufExport: " + file + " is a " + model.path("type").asText("?")
                    + " tokenizer with pre-tokenizer " + pre.path("type").asText("none")
                    + " (valid: byte-level BPE, as GPT-2, Llama 3, Qwen2 and SmolLM have)");
        }
        Map<Integer, String> byId = new HashMap<>();
        Map<Integer, Integer> types = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byId.put(e.getValue().asInt(), e.getKey());
            types.put(e.getValue().asInt(), NORMAL);
        }
        for (JsonNode a : t.path("added_tokens")) {
            int id = a.path("id").asInt();
            byId.put(id, a.path("content").asText());
            types.put(id, a.path("special").asBoolean(false) ? CONTROL : USER_DEFINED);
        }
        int size = Math.max(config.vocabSize(), byId.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1);
        List<String> tokens = new ArrayList<>(size);
        double[] tokenTypes = new double[size];
        for (int id = 0; id < size; id++) {
            String s = byId.get(id);
            tokens.add(s != null ? s : "[PAD" + id + "]");
            tokenTypes[id] = s != null ? types.get(id) : UNUSED;
        }
        List<String> merges = new ArrayList<>();
        for (JsonNode m : model.path("merges")) merges.add(m.isArray() ? m.get(0).asText() + " " + m.get(1).asText() : m.asText());

        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("tokenizer.ggml.model", "gpt2");
        meta.put("tokenizer.ggml.pre", preName(pre));
        meta.put("tokenizer.ggml.tokens", tokens);
        meta.put("tokenizer.ggml.token_type", Mx.array(tokenTypes, DType.INT32, size));
        meta.put("tokenizer.ggml.merges", merges);
        JsonNode tc = readIfPresent(modelDir.resolve("tokenizer_config.json"));
        Integer bos = tokenId(tc.get("bos_token"), tokens, config.bosTokenId());
        Integer eos = tokenId(tc.get("eos_token"), tokens, config.eosTokenId());
        if (bos != null) meta.put("tokenizer.ggml.bos_token_id", u32(bos));
        if (eos != null) meta.put("tokenizer.ggml.eos_token_id", u32(eos));
        if (tc.has("add_bos_token")) meta.put("tokenizer.ggml.add_bos_token", Mx.array(tc.get("add_bos_token").asBoolean() ? 1L : 0L, DType.BOOL));
        String template = chatTemplate(modelDir, tc);
        if (template != null) meta.put("tokenizer.chat_template", template);
        return meta;
    }

    /** A GGUF uint32 scalar: a 0-d UINT32 array. */
    static org.mlx4j.core.Array u32(long v) { return Mx.array(v, DType.UINT32); }

    private static boolean hasByteLevel(JsonNode pre) {
        if (pre.path("type").asText().equals("ByteLevel")) return true;
        for (JsonNode p : pre.path("pretokenizers")) if (hasByteLevel(p)) return true;
        return false;
    }

    /** llama.cpp's name for the pre-tokenizer: by its split regex, else GPT-2's when ByteLevel splits by itself. */
    private static String preName(JsonNode pre) {
        List<JsonNode> parts = new ArrayList<>();
        if (pre.path("type").asText().equals("Sequence")) pre.path("pretokenizers").forEach(parts::add);
        else parts.add(pre);
        for (JsonNode p : parts) {
            if (p.path("type").asText().equals("Split")) {
                String regex = p.path("pattern").path("Regex").asText("");
                if (regex.equals(LLAMA3_REGEX)) return "llama-bpe";
                if (regex.equals(QWEN2_REGEX)) return "qwen2";
                return "default";
            }
        }
        boolean digits = parts.stream().anyMatch(p -> p.path("type").asText().equals("Digits") && p.path("individual_digits").asBoolean());
        if (digits && parts.size() == 2) return "smollm";
        return parts.size() == 1 && parts.get(0).path("use_regex").asBoolean(true) ? "gpt-2" : "default";
    }

    private static JsonNode readIfPresent(Path file) {
        return Files.isRegularFile(file) ? Json.read(file) : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The id of a {@code tokenizer_config.json} token (a string or {@code {"content": ...}}), else {@code fallback}. */
    private static Integer tokenId(JsonNode token, List<String> tokens, Integer fallback) {
        if (token == null || token.isNull()) return fallback;
        String content = token.isTextual() ? token.asText() : token.path("content").asText(null);
        int id = content == null ? -1 : tokens.indexOf(content);
        return id >= 0 ? Integer.valueOf(id) : fallback;
    }

    private static String chatTemplate(Path modelDir, JsonNode tc) {
        Path jinja = modelDir.resolve("chat_template.jinja");
        try {
            if (Files.isRegularFile(jinja)) return Files.readString(jinja);
        } catch (IOException e) {
            throw new UncheckedIOException("LlamaGgufExport: cannot read " + jinja, e);
        }
        JsonNode t = tc.get("chat_template");
        return t != null && t.isTextual() ? t.asText() : null;
    }

}
