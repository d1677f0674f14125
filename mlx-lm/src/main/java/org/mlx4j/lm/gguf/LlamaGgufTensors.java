package org.mlx4j.lm.gguf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.io.ArrayIO;

/**
 * A Hugging Face Llama checkpoint's tensors under llama.cpp's names ({@code token_embd.weight},
 * {@code blk.N.attn_q.weight}, ..., {@code output_norm.weight}, {@code output.weight} unless the embeddings are
 * tied), as float32. The query and key projections are permuted as llama.cpp's converter does: transformers
 * rotates the two halves of each head ({@code rotate_half}), llama.cpp's Llama rotates adjacent pairs, so rows
 * {@code [h, 2, d/2]} of each head become {@code [h, d/2, 2]}.
 */
final class LlamaGgufTensors {
    private LlamaGgufTensors() {}

    private static final Pattern LAYER = Pattern.compile("model\\.layers\\.(\\d+)\\.(.+)");
    private static final Map<String, String> LAYER_NAMES = Map.of(
            "input_layernorm", "attn_norm", "self_attn.q_proj", "attn_q", "self_attn.k_proj", "attn_k",
            "self_attn.v_proj", "attn_v", "self_attn.o_proj", "attn_output", "post_attention_layernorm", "ffn_norm",
            "mlp.gate_proj", "ffn_gate", "mlp.up_proj", "ffn_up", "mlp.down_proj", "ffn_down");

    /** The checkpoint's tensors: {@code model.safetensors}, or the shards {@code model.safetensors.index.json} lists. */
    static Map<String, Array> load(Path modelDir) {
        Path single = modelDir.resolve("model.safetensors"), index = modelDir.resolve("model.safetensors.index.json");
        Map<String, Array> all = new LinkedHashMap<>();
        if (Files.isRegularFile(single)) {
            all.putAll(ArrayIO.loadSafetensors(single).arrays());
        } else if (Files.isRegularFile(index)) {
            TreeSet<String> shards = new TreeSet<>();
            for (Iterator<JsonNode> it = Json.read(index).path("weight_map").elements(); it.hasNext(); ) shards.add(it.next().asText());
            for (String s : shards) all.putAll(ArrayIO.loadSafetensors(modelDir.resolve(s)).arrays());
        } else {
            throw new IllegalArgumentException("LlamaGgufExport: " + modelDir + " has neither model.safetensors nor model.safetensors.index.json");
        }
        return all;
    }

    /** The tensors renamed (and the query and key projections permuted) for llama.cpp, float32. */
    static Map<String, Array> convert(Map<String, Array> hf, LlamaHfConfig c) {
        Map<String, Array> out = new LinkedHashMap<>();
        for (Map.Entry<String, Array> e : hf.entrySet()) {
            String name = e.getKey();
            Array a = e.getValue().astype(DType.FLOAT32);
            if (name.endsWith("rotary_emb.inv_freq")) continue;
            if (c.tiedEmbeddings() && name.equals("lm_head.weight")) continue;
            out.put(ggufName(name), permuted(name, a, c));
        }
        if (!out.containsKey("token_embd.weight")) {
            throw new IllegalArgumentException("LlamaGgufExport: the checkpoint has no model.embed_tokens.weight");
        }
        return out;
    }

    private static String ggufName(String hf) {
        switch (hf) {
            case "model.embed_tokens.weight" -> { return "token_embd.weight"; }
            case "model.norm.weight" -> { return "output_norm.weight"; }
            case "lm_head.weight" -> { return "output.weight"; }
            default -> { }
        }
        Matcher m = LAYER.matcher(hf);
        if (m.matches()) {
            String rest = m.group(2);
            int dot = rest.lastIndexOf('.');
            String mapped = dot < 0 ? null : LAYER_NAMES.get(rest.substring(0, dot));
            if (mapped != null) return "blk." + m.group(1) + "." + mapped + rest.substring(dot);
        }
        throw new IllegalArgumentException("LlamaGgufExport: tensor \"" + hf + "\" is not part of a Llama checkpoint"
                + " (valid: model.embed_tokens, model.layers.N.{input_layernorm, self_attn.{q,k,v,o}_proj,"
                + " post_attention_layernorm, mlp.{gate,up,down}_proj}, model.norm, lm_head)");
    }

    private static Array permuted(String hf, Array a, LlamaHfConfig c) {
        if (hf.contains("self_attn.q_proj.")) return permuteForRope(a, c.heads());
        if (hf.contains("self_attn.k_proj.")) return permuteForRope(a, c.kvHeads());
        return a;
    }

    /** Rows {@code [heads, 2, d/2]} (per head, the two halves) reordered to {@code [heads, d/2, 2]}. */
    static Array permuteForRope(Array w, int heads) {
        int[] shape = w.shape();
        int rows = shape[0], half = rows / heads / 2;
        int[] split = new int[shape.length + 2];
        split[0] = heads;
        split[1] = 2;
        split[2] = half;
        System.arraycopy(shape, 1, split, 3, shape.length - 1);
        int[] axes = new int[split.length];
        for (int i = 0; i < axes.length; i++) axes[i] = i;
        axes[1] = 2;
        axes[2] = 1;
        return Mx.reshape(Mx.transpose(Mx.reshape(w, split), axes), shape);
    }
}
