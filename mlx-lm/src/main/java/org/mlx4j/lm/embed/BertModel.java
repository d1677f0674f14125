package org.mlx4j.lm.embed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mlx4j.core.Array;
import org.mlx4j.core.CompileOptions;
import org.mlx4j.core.Fast;
import org.mlx4j.core.Mx;
import org.mlx4j.nn.Activations;
import org.mlx4j.nn.Embedding;
import org.mlx4j.nn.LayerNorm;
import org.mlx4j.nn.Linear;
import org.mlx4j.nn.Module;

/**
 * transformers' {@code BertModel} without its pooler: embeddings (word, position, token type, LayerNorm) and a
 * stack of post-norm encoder layers (self-attention with a padding mask, GELU feed-forward), giving the last
 * hidden states. Parameter names are transformers' ({@code embeddings.word_embeddings.weight},
 * {@code encoder.layer.0.attention.self.query.weight}, ...), so a {@code BertModel} checkpoint's
 * {@code model.safetensors} loads with {@link #loadHuggingFaceWeights}.
 *
 * <pre>{@code
 * import org.mlx4j.lm.embed.BertConfig;
 * import org.mlx4j.lm.embed.BertModel;
 *
 * BertModel bert = new BertModel(new BertConfig(50, 16, 2, 4, 32, 64, 2, 1e-12, "gelu"));
 * Array ids = Mx.array(new int[] {2, 7, 9, 3, 0, 0}, 2, 3);
 * Array mask = Mx.array(new int[] {1, 1, 1, 1, 0, 0}, 2, 3);
 * assert Arrays.equals(bert.forward(ids, mask).shape(), new int[] {2, 3, 16});
 * }</pre>
 */
public final class BertModel extends Module {
    private final BertConfig config;

    /**
     * A model with freshly initialised weights.
     *
     * @param config the hyper-parameters
     */
    public BertModel(BertConfig config) {
        this.config = config;
        register("embeddings", new Embeddings(config));
        register("encoder", new Encoder(config));
    }

    /**
     * The hyper-parameters.
     *
     * @return the configuration
     */
    public BertConfig config() { return config; }

    /**
     * The last hidden states, with token type 0 everywhere.
     *
     * @param inputIds integer token ids {@code [B, L]}
     * @param attentionMask {@code [B, L]}, non-zero for real tokens and zero for padding; null for none
     * @return FLOAT32 {@code [B, L, hidden]}
     * @throws IllegalArgumentException if the ids are not an integer {@code [B, L]} array, the mask's shape
     *     differs, or {@code L} exceeds {@code max_position_embeddings}
     */
    public Array forward(Array inputIds, Array attentionMask) {
        return forward(inputIds, attentionMask, null);
    }

    /**
     * The last hidden states.
     *
     * @param inputIds integer token ids {@code [B, L]}
     * @param attentionMask {@code [B, L]}, non-zero for real tokens and zero for padding; null for none
     * @param tokenTypeIds integer {@code [B, L]} segment ids; null for all zero
     * @return {@code [B, L, hidden]} in the weights' dtype
     * @throws IllegalArgumentException if the ids are not an integer {@code [B, L]} array, a mask or type array's
     *     shape differs, or {@code L} exceeds {@code max_position_embeddings}
     */
    public Array forward(Array inputIds, Array attentionMask, Array tokenTypeIds) {
        if (inputIds.ndim() != 2 || !inputIds.dtype().isInteger()) {
            throw new IllegalArgumentException("BertModel.forward: inputIds must be an integer [B, L] array, got "
                    + inputIds.dtype() + " " + java.util.Arrays.toString(inputIds.shape()));
        }
        int length = inputIds.shape(1);
        if (length > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("BertModel.forward: sequence length " + length
                    + " exceeds max_position_embeddings " + config.maxPositionEmbeddings() + "; truncate the input");
        }
        checkSameShape("attentionMask", attentionMask, inputIds);
        checkSameShape("tokenTypeIds", tokenTypeIds, inputIds);
        Array h = child("embeddings", Embeddings.class).forward(inputIds, tokenTypeIds);
        Array mask = attentionMask == null ? null
                : Mx.expandDims(Mx.notEqual(attentionMask, 0.0), new int[] {1, 2});
        return child("encoder", Encoder.class).forward(h, mask);
    }

    private static void checkSameShape(String name, Array a, Array ids) {
        if (a != null && !java.util.Arrays.equals(a.shape(), ids.shape())) {
            throw new IllegalArgumentException("BertModel.forward: " + name + " has shape "
                    + java.util.Arrays.toString(a.shape()) + ", expected the ids' " + java.util.Arrays.toString(ids.shape()));
        }
    }

    /**
     * Loads weights named as transformers names them, accepting what {@code BertModel}-family checkpoints hold
     * around the encoder: a {@code bert.} prefix, {@code LayerNorm.gamma}/{@code beta} for
     * {@code weight}/{@code bias}, and unused entries (pooler, heads, {@code position_ids}), which are dropped.
     *
     * @param weights the checkpoint's arrays by name
     * @return this model
     * @throws IllegalArgumentException naming the parameter if one is missing or has another shape
     */
    public BertModel loadHuggingFaceWeights(Map<String, Array> weights) {
        Map<String, Array> renamed = new HashMap<>();
        for (Map.Entry<String, Array> e : weights.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("bert.")) name = name.substring(5);
            if (name.endsWith(".gamma")) name = name.substring(0, name.length() - 6) + ".weight";
            if (name.endsWith(".beta")) name = name.substring(0, name.length() - 5) + ".bias";
            if (name.startsWith("embeddings.") || name.startsWith("encoder.")) renamed.put(name, e.getValue());
        }
        renamed.remove("embeddings.position_ids");
        loadWeights(renamed, true);
        return this;
    }

    /** Word + position + token-type embeddings, then LayerNorm. */
    static final class Embeddings extends Module {
        Embeddings(BertConfig c) {
            register("word_embeddings", new Embedding(c.vocabSize(), c.hiddenSize()));
            register("position_embeddings", new Embedding(c.maxPositionEmbeddings(), c.hiddenSize()));
            register("token_type_embeddings", new Embedding(c.typeVocabSize(), c.hiddenSize()));
            register("LayerNorm", new LayerNorm(c.hiddenSize(), c.layerNormEps(), true));
        }

        Array forward(Array ids, Array types) {
            int length = ids.shape(1);
            Array h = layer("word_embeddings").forward(ids);
            h = h.add(layer("position_embeddings").forward(Mx.arange(length)));
            h = h.add(layer("token_type_embeddings").forward(types == null ? Mx.array(0) : types));
            return layer("LayerNorm").forward(h);
        }
    }

    /** {@code encoder.layer.N}. */
    static final class Encoder extends Module {
        Encoder(BertConfig c) {
            List<Layer> layers = new ArrayList<>();
            for (int i = 0; i < c.numHiddenLayers(); i++) layers.add(new Layer(c));
            register("layer", layers);
        }

        Array forward(Array h, Array mask) {
            for (Object layer : list("layer")) h = ((Layer) layer).forward(h, mask);
            return h;
        }
    }

    /** One post-norm encoder layer: {@code attention.{self, output}}, {@code intermediate}, {@code output}. */
    static final class Layer extends Module {
        /** The activations as compiled, shapeless functions: each one fused kernel instead of a chain of ops. */
        private static final Function<Array, Array> GELU = Mx.compile(Activations::gelu, CompileOptions.shapeless());
        private static final Function<Array, Array> GELU_TANH = Mx.compile(Activations::geluApprox, CompileOptions.shapeless());

        private final Function<Array, Array> activation;

        Layer(BertConfig c) {
            activation = switch (c.hiddenAct()) {
                case "gelu" -> GELU;
                case "relu" -> Activations::relu;
                default -> GELU_TANH;
            };
            register("attention", new Attention(c));
            register("intermediate", new Dense(c.hiddenSize(), c.intermediateSize(), null));
            register("output", new Dense(c.intermediateSize(), c.hiddenSize(), c));
        }

        Array forward(Array h, Array mask) {
            h = child("attention", Attention.class).forward(h, mask);
            Array inner = activation.apply(child("intermediate", Dense.class).project(h));
            return child("output", Dense.class).residual(inner, h);
        }
    }

    /** {@code attention.self.{query, key, value}} and {@code attention.output.{dense, LayerNorm}}. */
    static final class Attention extends Module {
        private final int heads;
        private final int headDim;
        private final double scale;

        Attention(BertConfig c) {
            heads = c.numAttentionHeads();
            headDim = c.headDim();
            scale = 1.0 / Math.sqrt(headDim);
            register("self", new SelfProjections(c.hiddenSize()));
            register("output", new Dense(c.hiddenSize(), c.hiddenSize(), c));
        }

        Array forward(Array x, Array mask) {
            int b = x.shape(0), l = x.shape(1);
            SelfProjections p = child("self", SelfProjections.class);
            Array q = split(p.project("query", x), b, l);
            Array k = split(p.project("key", x), b, l);
            Array v = split(p.project("value", x), b, l);
            Array out = Fast.scaledDotProductAttention(q, k, v, scale, mask);
            out = Mx.reshape(Mx.transpose(out, new int[] {0, 2, 1, 3}), new int[] {b, l, heads * headDim});
            return child("output", Dense.class).residual(out, x);
        }

        private Array split(Array y, int b, int l) {
            return Mx.transpose(Mx.reshape(y, new int[] {b, l, heads, headDim}), new int[] {0, 2, 1, 3});
        }
    }

    /** {@code query}, {@code key}, {@code value}. */
    static final class SelfProjections extends Module {
        SelfProjections(int hidden) {
            register("query", new Linear(hidden, hidden, true));
            register("key", new Linear(hidden, hidden, true));
            register("value", new Linear(hidden, hidden, true));
        }

        Array project(String name, Array x) { return layer(name).forward(x); }
    }

    /** {@code dense}, and when it closes a sub-layer, {@code LayerNorm(dense(x) + residual)}. */
    static final class Dense extends Module {
        Dense(int in, int out, BertConfig normed) {
            register("dense", new Linear(in, out, true));
            if (normed != null) register("LayerNorm", new LayerNorm(out, normed.layerNormEps(), true));
        }

        Array project(Array x) { return layer("dense").forward(x); }

        Array residual(Array x, Array residual) {
            return layer("LayerNorm").forward(project(x).add(residual));
        }
    }
}
