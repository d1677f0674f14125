package org.mlx4j.lm.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.mlx4j.lm.models.LanguageModel;
import org.mlx4j.lm.models.ModelConfig;
import org.mlx4j.lm.tokenizer.Tokenizer;

/**
 * A model directory loaded for generation: the model, its tokenizer and its end-of-sequence ids. Python mlx-lm:
 * {@code mlx_lm.load(path)}.
 *
 * <pre>{@code
 * import org.mlx4j.lm.load.*;
 * import org.mlx4j.lm.models.*;
 *
 * Path dir = Files.createTempDirectory("tiny");
 * Llama saved = new Llama(ModelConfig.llama(64, 32, 1, 4, 2, 64).with("eos_token_id", List.of(2, 3)));
 * saved.saveWeights(dir.resolve("model.safetensors"));
 * saved.config().save(dir.resolve("config.json"));
 * LoadedModel loaded = LoadedModel.load(dir);
 * assert loaded.eosTokenIds().equals(Set.of(2, 3)) && !loaded.hasTokenizer();
 * }</pre>
 */
public final class LoadedModel {
    private final Path directory;
    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final Set<Integer> eosTokenIds;

    private LoadedModel(Path directory, LanguageModel model, Tokenizer tokenizer, Set<Integer> eosTokenIds) {
        this.directory = directory;
        this.model = model;
        this.tokenizer = tokenizer;
        this.eosTokenIds = eosTokenIds;
    }

    /**
     * Loads the model as stored, and the tokenizer when the directory has a {@code tokenizer.json}.
     *
     * @param dir a model directory, or a {@code .gguf} file (its tokenizer is then read from the file's directory)
     * @return the loaded model
     * @throws IllegalArgumentException as {@link ModelDirectory#open} and {@link ModelDirectory#loadModel}, or for an
     *     unreadable tokenizer
     */
    public static LoadedModel load(Path dir) { return load(dir, LoadOptions.defaults()); }

    /**
     * Loads the model with {@code options} (dtype, quantization on load), and the tokenizer when present.
     *
     * @param dir a model directory, or a {@code .gguf} file
     * @param options how to build the model
     * @return the loaded model
     * @throws IllegalArgumentException as {@link #load(Path)}
     */
    public static LoadedModel load(Path dir, LoadOptions options) {
        LanguageModel model;
        try (ModelDirectory d = ModelDirectory.open(dir)) {
            model = d.loadModel(options);
        }
        Path home = Files.isDirectory(dir) ? dir : dir.toAbsolutePath().getParent();
        Tokenizer tokenizer = Files.exists(home.resolve("tokenizer.json")) ? Tokenizer.load(home) : null;
        Set<Integer> eos = new TreeSet<>();
        addIds(model.config().get("eos_token_id").orElse(null), eos);
        Path generationConfig = home.resolve("generation_config.json");
        if (Files.exists(generationConfig)) {
            try {
                JsonNode g = new ObjectMapper().readTree(generationConfig.toFile());
                JsonNode e = g.get("eos_token_id");
                if (e != null && e.isInt()) eos.add(e.asInt());
                if (e != null && e.isArray()) e.forEach(n -> eos.add(n.asInt()));
            } catch (IOException e) {
                throw new IllegalArgumentException(generationConfig + ": not a JSON object: " + e.getMessage(), e);
            }
        }
        if (tokenizer != null) tokenizer.eosTokenId().ifPresent(eos::add);
        return new LoadedModel(home, model, tokenizer, Collections.unmodifiableSet(eos));
    }

    private static void addIds(Object value, Set<Integer> out) {
        if (value instanceof Number n) out.add(n.intValue());
        if (value instanceof List<?> l) for (Object o : l) if (o instanceof Number n) out.add(n.intValue());
    }

    /**
     * The model.
     *
     * @return the model (an mlx-nn {@code Module})
     */
    public LanguageModel model() { return model; }

    /**
     * The model's configuration.
     *
     * @return the configuration
     */
    public ModelConfig config() { return model.config(); }

    /**
     * Whether the directory had a {@code tokenizer.json}.
     *
     * @return true when {@link #tokenizer()} is available
     */
    public boolean hasTokenizer() { return tokenizer != null; }

    /**
     * The tokenizer.
     *
     * @return the tokenizer
     * @throws IllegalStateException if the directory has no {@code tokenizer.json}
     */
    public Tokenizer tokenizer() {
        if (tokenizer == null) throw new IllegalStateException("no tokenizer.json in " + directory + "; give token ids instead of text");
        return tokenizer;
    }

    /**
     * The end-of-sequence ids: {@code eos_token_id} of {@code config.json} and {@code generation_config.json}
     * (a number or a list), and the tokenizer's EOS token.
     *
     * @return the ids, possibly empty
     */
    public Set<Integer> eosTokenIds() { return eosTokenIds; }

    /**
     * The directory the model came from (a GGUF file's directory).
     *
     * @return the directory
     */
    public Path directory() { return directory; }
}
