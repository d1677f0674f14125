package org.mlx4j.lm.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.io.ArrayIO;

/**
 * Writes a Hugging Face Llama directory ({@code config.json}, safetensors, {@code tokenizer.json}) as a GGUF file
 * llama.cpp loads, as llama.cpp's {@code convert_hf_to_gguf.py} writes it: {@code general.architecture = llama},
 * the {@code llama.*} hyper-parameters, the {@code tokenizer.ggml.*} metadata of a byte-level BPE tokenizer, the
 * tensors under llama.cpp's names with the query and key projections permuted for its rope, and the weight
 * matrices in the chosen {@link Precision} (norms stay float32; a matrix whose rows are not whole 32-element
 * blocks is written as F16 when a block type is asked, as llama.cpp's converter does). From the command line:
 * {@code java ... org.mlx4j.lm.gguf.LlamaGgufExport MODEL_DIR OUT.gguf Q8_0}.
 */
public final class LlamaGgufExport {
    private LlamaGgufExport() {}

    /** The GGML type of the weight matrices, with llama.cpp's {@code general.file_type} number. */
    public enum Precision {
        /** float32 matrices. */
        F32(0),
        /** float16 matrices. */
        F16(1),
        /** 8-bit blocks of 32 with a float16 scale. */
        Q8_0(7),
        /** 4-bit blocks of 32 with a float16 scale. */
        Q4_0(2);

        final int fileType;

        Precision(int fileType) { this.fileType = fileType; }
    }

    /**
     * Exports the model directory as GGUF.
     *
     * @param modelDir a Llama directory: {@code config.json}, {@code model.safetensors} (or shards with
     *                 {@code model.safetensors.index.json}), {@code tokenizer.json} and optionally
     *                 {@code tokenizer_config.json} and {@code chat_template.jinja}
     * @param gguf the file to write ({@code .gguf} is added when missing)
     * @param precision the type of the weight matrices
     * @return the path written
     * @throws IllegalArgumentException if the directory is not a Llama checkpoint with a byte-level BPE tokenizer,
     * a tensor is not a Llama tensor, or the rope scaling is not one llama.cpp's Llama takes (none, linear, llama3)
     * @throws java.io.UncheckedIOException if a file cannot be read
     * @throws org.mlx4j.core.io.ArrayFileException if the GGUF file cannot be written
     */
    public static Path export(Path modelDir, Path gguf, Precision precision) {
        LlamaHfConfig c = LlamaHfConfig.read(modelDir.resolve("config.json"));
        Map<String, Array> tensors = LlamaGgufTensors.convert(LlamaGgufTensors.load(modelDir), c);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("general.architecture", "llama");
        meta.put("general.name", modelDir.toAbsolutePath().normalize().getFileName().toString());
        meta.put("general.file_type", u32(precision.fileType));
        if (precision == Precision.Q8_0 || precision == Precision.Q4_0) meta.put("general.quantization_version", u32(2));
        Map<String, Object> tokenizer = GgufTokenizerMetadata.read(modelDir, c);
        meta.put("llama.vocab_size", u32(((java.util.List<?>) tokenizer.get("tokenizer.ggml.tokens")).size()));
        meta.put("llama.context_length", u32(c.contextLength()));
        meta.put("llama.embedding_length", u32(c.hiddenSize()));
        meta.put("llama.block_count", u32(c.layers()));
        meta.put("llama.feed_forward_length", u32(c.intermediateSize()));
        meta.put("llama.rope.dimension_count", u32(c.headDim()));
        meta.put("llama.attention.head_count", u32(c.heads()));
        meta.put("llama.attention.head_count_kv", u32(c.kvHeads()));
        if (c.headDim() != c.hiddenSize() / c.heads()) {
            meta.put("llama.attention.key_length", u32(c.headDim()));
            meta.put("llama.attention.value_length", u32(c.headDim()));
        }
        meta.put("llama.attention.layer_norm_rms_epsilon", f32(c.rmsNormEps()));
        meta.put("llama.rope.freq_base", f32(c.ropeTheta()));
        ropeScaling(c, meta, tensors);
        meta.putAll(tokenizer);
        return ArrayIO.saveGguf(gguf, tensors, meta, types(tensors, precision));
    }

    /** Each weight matrix's type: the precision's, or F16 where rows are not whole blocks of 32; vectors stay F32. */
    private static Map<String, String> types(Map<String, Array> tensors, Precision precision) {
        Map<String, String> types = new LinkedHashMap<>();
        for (Map.Entry<String, Array> e : tensors.entrySet()) {
            Array a = e.getValue();
            boolean matrix = a.ndim() == 2 && !e.getKey().startsWith("rope_freqs");
            if (!matrix || precision == Precision.F32) continue;
            boolean blocks = precision == Precision.Q8_0 || precision == Precision.Q4_0;
            types.put(e.getKey(), blocks && a.shape()[1] % 32 != 0 ? "F16" : precision.name());
        }
        return types;
    }

    /** llama.cpp's rope scaling: linear as metadata, llama3 as the {@code rope_freqs.weight} factors its converter computes. */
    private static void ropeScaling(LlamaHfConfig c, Map<String, Object> meta, Map<String, Array> tensors) {
        JsonNode s = c.ropeScaling();
        if (s == null) return;
        String type = LlamaHfConfig.ropeType(s);
        switch (type) {
            case "linear" -> {
                meta.put("llama.rope.scaling.type", "linear");
                meta.put("llama.rope.scaling.factor", f32(s.path("factor").asDouble(1.0)));
            }
            case "llama3" -> tensors.put("rope_freqs.weight", llama3Factors(c, s));
            default -> throw new IllegalArgumentException("LlamaGgufExport: rope scaling \"" + type
                    + "\" is not one llama.cpp's Llama takes (valid: none, default, linear, llama3)");
        }
    }

    private static Array llama3Factors(LlamaHfConfig c, JsonNode s) {
        int dim = c.headDim();
        double factor = s.path("factor").asDouble(8.0), low = s.path("low_freq_factor").asDouble(1.0);
        double high = s.path("high_freq_factor").asDouble(4.0), old = s.path("original_max_position_embeddings").asDouble(8192);
        double lowWavelen = old / low, highWavelen = old / high;
        float[] f = new float[dim / 2];
        for (int i = 0; i < f.length; i++) {
            float freq = (float) (1.0 / Math.pow(c.ropeTheta(), (float) (2 * i) / dim));
            double wavelen = 2 * Math.PI / freq;
            if (wavelen < highWavelen) f[i] = 1;
            else if (wavelen > lowWavelen) f[i] = (float) factor;
            else {
                double smooth = (old / wavelen - low) / (high - low);
                f[i] = (float) (1 / ((1 - smooth) / factor + smooth));
            }
        }
        return Mx.array(f, f.length);
    }

    private static Array u32(long v) { return GgufTokenizerMetadata.u32(v); }

    private static Array f32(double v) { return Mx.array(v, DType.FLOAT32); }

    /**
     * {@code LlamaGgufExport MODEL_DIR OUT.gguf [F32|F16|Q8_0|Q4_0]} (default F16): exports and prints the path.
     *
     * @param args the model directory, the output file and optionally the precision
     */
    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: LlamaGgufExport MODEL_DIR OUT.gguf [F32|F16|Q8_0|Q4_0]");
            System.exit(2);
        }
        Precision p = args.length == 3 ? Precision.valueOf(args[2]) : Precision.F16;
        System.out.println(export(Path.of(args[0]), Path.of(args[1]), p));
    }
}
