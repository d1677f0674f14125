package org.mlx4j.examples.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.io.ArrayIO;
import org.mlx4j.lm.embed.Embedder;
import org.mlx4j.lm.embed.Pooling;

/**
 * {@code ./mlx4j embed --model (DIR | FILE.onnx | minilm) (--text T ... | --input FILE) --out FILE.npy
 * [--pooling mean|cls|last] [--normalize | --no-normalize] [--batch-size N]}: embeds texts and writes a float32
 * {@code [n, dim]} {@code .npy}. {@code --input} reads one text per line, or the {@code text} field of each line of
 * a {@code .jsonl} file. Without {@code --pooling}/{@code --normalize} the model's own settings apply (minilm: mean,
 * normalised).
 */
public final class EmbedCommand {
    private static final String USAGE = "usage: ./mlx4j embed --model (DIR | FILE.onnx | minilm) (--text T ... | --input FILE)"
            + " --out FILE.npy [--pooling mean|cls|last] [--normalize | --no-normalize] [--batch-size N]";

    private EmbedCommand() {}

    /**
     * Runs the command.
     *
     * @param args the command line
     * @throws IOException if the input cannot be read or the output written
     */
    public static void main(String[] args) throws IOException {
        String model = null;
        Path input = null;
        Path out = null;
        List<String> texts = new ArrayList<>();
        Pooling pooling = null;
        Boolean normalize = null;
        int batchSize = 32;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = value(args, ++i);
                case "--input" -> input = Path.of(value(args, ++i));
                case "--out" -> out = Path.of(value(args, ++i));
                case "--pooling" -> pooling = Pooling.of(value(args, ++i));
                case "--normalize" -> normalize = true;
                case "--no-normalize" -> normalize = false;
                case "--batch-size" -> batchSize = Integer.parseInt(value(args, ++i));
                case "--text" -> {
                    texts.add(value(args, ++i));
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) texts.add(args[++i]);
                }
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> fail("unknown argument '" + args[i] + "'");
            }
        }
        if (model == null) fail("--model is required");
        if (out == null) fail("--out is required");
        if (texts.isEmpty() == (input == null)) fail("give either --text T ... or --input FILE");
        if (batchSize <= 0) fail("--batch-size must be positive");
        if (input != null) texts = readTexts(input);
        if (texts.isEmpty()) fail("no texts to embed");
        long start = System.nanoTime();
        Embedder embedder = Embedder.load(model);
        if (pooling != null) embedder = embedder.withPooling(pooling);
        if (normalize != null) embedder = embedder.withNormalize(normalize);
        long loaded = System.nanoTime();
        Array vectors = embedder.embed(texts, batchSize);
        ArrayIO.save(out, vectors);
        long done = System.nanoTime();
        System.err.printf("embedded %d texts into %s [%d, %d] (model loaded in %.1f s, %.1f texts/s)%n", texts.size(), out,
                vectors.shape(0), vectors.shape(1), (loaded - start) / 1e9, texts.size() / ((done - loaded) / 1e9));
    }

    /** One text per line; for {@code .jsonl}, each line's {@code text} field. Blank lines are skipped. */
    static List<String> readTexts(Path file) throws IOException {
        boolean jsonl = file.getFileName().toString().endsWith(".jsonl");
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            if (jsonl) {
                JsonNode text = json.readTree(line).get("text");
                if (text == null) fail(file + ": a line has no \"text\" field: " + line);
                texts.add(text.asText());
            } else {
                texts.add(line);
            }
        }
        return texts;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) fail(args[i - 1] + " needs a value");
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("embed: " + message);
        System.err.println(USAGE);
        System.exit(2);
    }
}
