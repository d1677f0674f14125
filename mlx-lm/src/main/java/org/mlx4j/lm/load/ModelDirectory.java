package org.mlx4j.lm.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.core.io.GgufFile;
import org.mlx4j.core.io.GgufQuantized;
import org.mlx4j.lm.models.Architectures;
import org.mlx4j.lm.models.LanguageModel;
import org.mlx4j.lm.models.ModelConfig;
import org.mlx4j.nn.Embedding;
import org.mlx4j.nn.Linear;
import org.mlx4j.nn.Module;
import org.mlx4j.nn.Nn;
import org.mlx4j.utils.Tree;

/**
 * A model on disk, as the Hugging Face hub and mlx-community publish them: a directory with {@code config.json} and
 * {@code model.safetensors} (or shards listed by {@code model.safetensors.index.json}), memory-mapped, each tensor
 * copied out only when the model is built; quantized checkpoints ({@code quantization: {group_size, bits}}, packed
 * {@code uint32} weights with {@code scales} and {@code biases}); or a llama.cpp {@code .gguf} file of a Llama
 * (F32, F16, BF16, Q8_0, Q4_0, Q4_1), given as the file or as a directory holding it. Python mlx-lm:
 * {@code mlx_lm.utils.load_model}.
 *
 * <pre>{@code
 * import org.mlx4j.lm.load.*;
 * import org.mlx4j.lm.models.*;
 *
 * Path dir = Files.createTempDirectory("tiny");
 * Llama saved = new Llama(ModelConfig.llama(64, 32, 1, 4, 2, 64));
 * saved.saveWeights(dir.resolve("model.safetensors"));
 * saved.config().save(dir.resolve("config.json"));
 * try (ModelDirectory d = ModelDirectory.open(dir)) {
 *     LanguageModel model = d.loadModel(LoadOptions.defaults().withQuantization(4, 32));
 *     assert model.forward(Mx.array(new int[] {1, 2}, 1, 2), null).shape(2) == 64;
 * }
 * }</pre>
 */
public final class ModelDirectory implements AutoCloseable {
    private final Path path;
    private final ModelConfig config;
    /** The shard of each tensor (safetensors), or null for a GGUF file. */
    private final Map<String, SafetensorsShard> shardOf;
    private final List<SafetensorsShard> shards;
    /** The converted tensors of a GGUF file, or null. */
    private final Map<String, Array> ggufWeights;

    private ModelDirectory(Path path, ModelConfig config, Map<String, SafetensorsShard> shardOf, List<SafetensorsShard> shards,
            Map<String, Array> ggufWeights) {
        this.path = path;
        this.config = config;
        this.shardOf = shardOf;
        this.shards = shards;
        this.ggufWeights = ggufWeights;
    }

    /**
     * Opens a model directory (or a {@code .gguf} file): reads {@code config.json} and maps the weight files.
     *
     * @param path the directory, or a {@code .gguf} file
     * @return the opened directory; close it to unmap the files
     * @throws IllegalArgumentException naming the path or file when it is missing, has no config.json or no weights,
     *     lists a shard that is not there, or a file is truncated or corrupt
     */
    public static ModelDirectory open(Path path) {
        if (!Files.exists(path)) throw new IllegalArgumentException("no model at " + path + ": no such file or directory");
        if (Files.isRegularFile(path)) {
            if (path.getFileName().toString().endsWith(".gguf")) return openGguf(path);
            throw new IllegalArgumentException(path + " is a file but not a .gguf file; give a model directory or a .gguf file");
        }
        Path configJson = path.resolve("config.json");
        List<Path> safetensors = safetensorsFiles(path);
        if (!Files.exists(configJson)) {
            Optional<Path> gguf = only(path, ".gguf");
            if (safetensors.isEmpty() && gguf.isPresent()) return openGguf(gguf.get());
            throw new IllegalArgumentException(path + " is not a model directory: no config.json");
        }
        ModelConfig config = ModelConfig.fromJson(configJson);
        if (safetensors.isEmpty()) {
            throw new IllegalArgumentException(path + " has no weights: no model.safetensors, model.safetensors.index.json or *.safetensors");
        }
        List<SafetensorsShard> shards = new ArrayList<>();
        Map<String, SafetensorsShard> shardOf = new LinkedHashMap<>();
        try {
            for (Path file : safetensors) {
                SafetensorsShard shard = SafetensorsShard.open(file);
                shards.add(shard);
                for (String name : shard.entries().keySet()) shardOf.putIfAbsent(name, shard);
            }
        } catch (RuntimeException e) {
            shards.forEach(SafetensorsShard::close);
            throw e;
        }
        return new ModelDirectory(path, config, shardOf, shards, null);
    }

    /** The index's shards when there is an index, else every {@code *.safetensors} file, sorted. */
    private static List<Path> safetensorsFiles(Path dir) {
        Path index = dir.resolve("model.safetensors.index.json");
        if (Files.exists(index)) {
            JsonNode map;
            try {
                map = new ObjectMapper().readTree(index.toFile()).get("weight_map");
            } catch (IOException e) {
                throw new IllegalArgumentException(index + ": not a JSON object: " + e.getMessage(), e);
            }
            if (map == null || !map.isObject()) throw new IllegalArgumentException(index + " has no \"weight_map\" object");
            Set<String> files = new TreeSet<>();
            map.properties().forEach(e -> files.add(e.getValue().asText()));
            List<Path> out = new ArrayList<>();
            for (String f : files) {
                Path shard = dir.resolve(f);
                if (!Files.exists(shard)) {
                    throw new IllegalArgumentException(index + " lists shard " + f + ", which is not in " + dir);
                }
                out.add(shard);
            }
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Optional<Path> only(Path dir, String extension) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().endsWith(extension)).toList();
            return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static ModelDirectory openGguf(Path file) {
        GgufFile gguf = Mx.loadGguf(file, GgufQuantized.MLX_AFFINE);
        ModelConfig config = GgufLlama.config(file, gguf);
        return new ModelDirectory(file, config, null, List.of(), GgufLlama.weights(file, gguf, config));
    }

    /**
     * The directory or GGUF file this was opened from.
     *
     * @return the path
     */
    public Path path() { return path; }

    /**
     * The model's configuration ({@code config.json}, or converted from a GGUF file's metadata).
     *
     * @return the configuration
     */
    public ModelConfig config() { return config; }

    /**
     * The names of every stored tensor (transformers' names; a GGUF file's converted).
     *
     * @return the names, sorted
     */
    public Set<String> tensorNames() {
        return new TreeSet<>(ggufWeights != null ? ggufWeights.keySet() : shardOf.keySet());
    }

    /**
     * One stored tensor, copied out of its file.
     *
     * @param name the tensor's name
     * @return the tensor, in its stored dtype and shape
     * @throws IllegalArgumentException if no file holds {@code name}
     */
    public Array tensor(String name) {
        if (ggufWeights != null) {
            Array a = ggufWeights.get(name);
            if (a == null) throw new IllegalArgumentException(path + " has no tensor " + name);
            return a;
        }
        SafetensorsShard shard = shardOf.get(name);
        if (shard == null) throw new IllegalArgumentException(path + " has no tensor " + name);
        return shard.tensor(name);
    }

    /**
     * The model as stored: {@link #loadModel(LoadOptions)} with {@link LoadOptions#defaults()}.
     *
     * @return the model, evaluated
     * @throws IllegalArgumentException for an unknown architecture or mismatched tensors
     */
    public LanguageModel loadModel() { return loadModel(LoadOptions.defaults()); }

    /**
     * Builds the configuration's architecture and fills it with the stored tensors: quantized layers where the
     * checkpoint has {@code scales} (bits and group size read from each tensor's packed shape, so per-layer
     * settings work), the weights cast to {@code options.dtype()} if set, then quantized if the options ask for it
     * and the checkpoint is not. The parameters are evaluated before this returns.
     *
     * @param options dtype and quantization on load
     * @return the model (an mlx-nn {@code Module})
     * @throws IllegalArgumentException for an unknown architecture, a missing or unexpected tensor, or one of the wrong
     *     shape or dtype, naming the file, the tensor and the expected shape
     */
    public LanguageModel loadModel(LoadOptions options) {
        LanguageModel model = Architectures.create(config);
        Module module = (Module) model;
        Set<String> names = tensorNames();
        names.removeIf(n -> n.contains("rotary_emb.inv_freq") || config.tieWordEmbeddings() && n.startsWith("lm_head."));
        boolean quantized = quantizeLikeCheckpoint(module, names);
        Map<String, Array> expected = Tree.flatten(module.parameters());
        Map<String, Array> weights = new LinkedHashMap<>();
        for (var e : expected.entrySet()) {
            String name = e.getKey();
            if (!names.contains(name)) {
                throw new IllegalArgumentException(path + ": missing tensor " + name + " (expected shape "
                        + Arrays.toString(e.getValue().shape()) + ") for " + config.modelType());
            }
            Array stored = tensor(name);
            if (!Arrays.equals(stored.shape(), e.getValue().shape()) || stored.dtype().isFloating() != e.getValue().dtype().isFloating()) {
                throw new IllegalArgumentException(where(name) + ": tensor " + name + " is " + stored.dtype() + " "
                        + Arrays.toString(stored.shape()) + ", expected " + (e.getValue().dtype().isFloating() ? "a floating dtype" : e.getValue().dtype().toString()) + " of shape "
                        + Arrays.toString(e.getValue().shape()));
            }
            weights.put(name, stored);
        }
        Set<String> extra = new TreeSet<>(names);
        extra.removeAll(expected.keySet());
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException(path + ": " + extra.size() + " tensor(s) the " + config.modelType()
                    + " model does not have: " + String.join(", ", new ArrayList<>(extra).subList(0, Math.min(8, extra.size())))
                    + (extra.size() > 8 ? ", ..." : ""));
        }
        module.loadWeights(weights, false);
        if (options.dtype() != null) module.setDtype(options.dtype());
        if (options.quantizeBits() > 0 && !quantized) {
            Nn.quantize(module, options.quantizeGroupSize(), options.quantizeBits(), null);
        }
        Mx.eval(module);
        return model;
    }

    /** The file of tensor {@code name}, for error messages. */
    private String where(String name) {
        return ggufWeights != null || shardOf.get(name) == null ? path.toString() : shardOf.get(name).file().toString();
    }

    /**
     * Replaces each linear layer or embedding whose weight is stored quantized ({@code <path>.scales} present) by its
     * quantized form, of the bits and group size its stored shapes give.
     */
    private boolean quantizeLikeCheckpoint(Module model, Set<String> names) {
        Map<String, Set<String>> pathsBySetting = new TreeMap<>();
        model.namedModules().forEach((p, m) -> {
            if (!(m instanceof Linear || m instanceof Embedding) || !names.contains(p + ".scales")) return;
            int in = Tree.flatten(m.parameters()).get("weight").shape(1);
            int packed = shapeOf(p + ".weight")[1], groups = shapeOf(p + ".scales")[1];
            if (packed * 32 % in != 0 || groups == 0 || in % groups != 0) {
                throw new IllegalArgumentException(where(p + ".weight") + ": quantized tensor " + p + ".weight has " + packed
                        + " packed columns and " + groups + " groups for " + in + " inputs, which no bits and group size give");
            }
            pathsBySetting.computeIfAbsent((packed * 32 / in) + "/" + (in / groups), k -> new TreeSet<>()).add(p);
        });
        pathsBySetting.forEach((setting, paths) -> {
            String[] bg = setting.split("/");
            Nn.quantize(model, Integer.parseInt(bg[1]), Integer.parseInt(bg[0]), (p, m) -> paths.contains(p));
        });
        return !pathsBySetting.isEmpty();
    }

    private int[] shapeOf(String name) {
        if (ggufWeights != null) return ggufWeights.get(name).shape();
        SafetensorsShard shard = shardOf.get(name);
        if (shard == null) throw new IllegalArgumentException(path + ": missing tensor " + name);
        int[] s = shard.entries().get(name).shape();
        if (s.length != 2) throw new IllegalArgumentException(shard.file() + ": tensor " + name + " must be 2-D, got " + Arrays.toString(s));
        return s;
    }

    /** Unmaps the weight files. Arrays already copied out (a loaded model) stay valid. */
    @Override
    public void close() { shards.forEach(SafetensorsShard::close); }
}
