package org.mlx4j.lm.load;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.io.GgufFile;
import org.mlx4j.lm.models.ModelConfig;

/**
 * A llama.cpp GGUF file of a Llama as a transformers configuration and weights: {@code llama.*} hyper-parameters to
 * {@code config.json} keys, {@code blk.N.attn_q.weight} to {@code model.layers.N.self_attn.q_proj.weight}, and the
 * rows of the query and key projections put back in transformers' order (llama.cpp's converter interleaves the two
 * halves of each head for its RoPE). Quantized tensors (kept in MLX's affine layout) move with their scales and biases.
 */
final class GgufLlama {
    private GgufLlama() {}

    private static final Map<String, String> LAYER_NAMES = Map.of(
            "attn_q", "self_attn.q_proj", "attn_k", "self_attn.k_proj", "attn_v", "self_attn.v_proj",
            "attn_output", "self_attn.o_proj", "ffn_gate", "mlp.gate_proj", "ffn_up", "mlp.up_proj",
            "ffn_down", "mlp.down_proj", "attn_norm", "input_layernorm", "ffn_norm", "post_attention_layernorm");

    /** The configuration read from the metadata. */
    static ModelConfig config(Path file, GgufFile gguf) {
        Map<String, Object> meta = gguf.metadata();
        Object arch = meta.get("general.architecture");
        if (!"llama".equals(arch)) {
            throw new IllegalArgumentException(file + ": unknown architecture: general.architecture is " + arch
                    + "; GGUF files of llama are supported");
        }
        Array embedding = gguf.arrays().get("token_embd.weight");
        if (embedding == null) throw new IllegalArgumentException(file + ": no tensor token_embd.weight");
        int hidden = integer(file, meta, "llama.embedding_length", -1);
        int heads = integer(file, meta, "llama.attention.head_count", -1);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architectures", List.of("LlamaForCausalLM"));
        c.put("model_type", "llama");
        c.put("vocab_size", embedding.shape(0));
        c.put("hidden_size", hidden);
        c.put("intermediate_size", integer(file, meta, "llama.feed_forward_length", -1));
        c.put("num_hidden_layers", integer(file, meta, "llama.block_count", -1));
        c.put("num_attention_heads", heads);
        c.put("num_key_value_heads", integer(file, meta, "llama.attention.head_count_kv", heads));
        c.put("head_dim", integer(file, meta, "llama.attention.key_length", hidden / heads));
        c.put("rms_norm_eps", number(meta, "llama.attention.layer_norm_rms_epsilon", 1e-5));
        c.put("rope_theta", number(meta, "llama.rope.freq_base", 10000.0));
        c.put("max_position_embeddings", integer(file, meta, "llama.context_length", 2048));
        c.put("tie_word_embeddings", !gguf.arrays().containsKey("output.weight"));
        return ModelConfig.of(c);
    }

    private static int integer(Path file, Map<String, Object> meta, String key, int fallback) {
        if (meta.get(key) instanceof Array a) return (int) a.longValue();
        if (fallback < 0) throw new IllegalArgumentException(file + ": no metadata " + key);
        return fallback;
    }

    private static double number(Map<String, Object> meta, String key, double fallback) {
        return meta.get(key) instanceof Array a ? a.doubleValue() : fallback;
    }

    /** The tensors under transformers' names, query and key rows back in transformers' order. */
    static Map<String, Array> weights(Path file, GgufFile gguf, ModelConfig config) {
        Map<String, Array> out = new LinkedHashMap<>();
        gguf.arrays().forEach((name, array) -> {
            String hf = hfName(name);
            if (hf == null) throw new IllegalArgumentException(file + ": unexpected tensor " + name + " in a llama GGUF file");
            if (hf.contains("self_attn.q_proj.")) array = unpermute(array, config.numAttentionHeads());
            else if (hf.contains("self_attn.k_proj.")) array = unpermute(array, config.numKeyValueHeads());
            out.put(hf, array);
        });
        return out;
    }

    /** {@code blk.3.attn_q.weight} to {@code model.layers.3.self_attn.q_proj.weight}; null when unknown. */
    static String hfName(String name) {
        String suffix;
        int dot = name.lastIndexOf('.');
        suffix = name.substring(dot); // .weight, .scales, .biases, .bias
        String base = name.substring(0, dot);
        switch (base) {
            case "token_embd": return "model.embed_tokens" + suffix;
            case "output_norm": return "model.norm" + suffix;
            case "output": return "lm_head" + suffix;
            default: break;
        }
        if (!base.startsWith("blk.")) return null;
        String[] parts = base.split("\\.");
        if (parts.length != 3) return null;
        String layer = LAYER_NAMES.get(parts[2]);
        return layer == null ? null : "model.layers." + parts[1] + "." + layer + suffix;
    }

    /** Undoes llama.cpp's {@code permute}: GGUF row {@code h*D + 2i + j} is transformers' row {@code h*D + j*D/2 + i}. */
    private static Array unpermute(Array rowsOfHeads, int heads) {
        int rows = rowsOfHeads.shape(0), d = rows / heads, half = d / 2;
        int[] order = new int[rows];
        for (int h = 0; h < heads; h++) {
            for (int j = 0; j < 2; j++) {
                for (int i = 0; i < half; i++) order[h * d + j * half + i] = h * d + 2 * i + j;
            }
        }
        return Mx.take(rowsOfHeads, Mx.array(order, rows).astype(DType.INT32), 0);
    }
}
