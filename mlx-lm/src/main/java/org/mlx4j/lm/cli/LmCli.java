package org.mlx4j.lm.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.lm.generate.BatchGenerator;
import org.mlx4j.lm.generate.BatchRequest;
import org.mlx4j.lm.generate.GenerationOptions;
import org.mlx4j.lm.generate.GenerationResult;
import org.mlx4j.lm.generate.TextGenerator;
import org.mlx4j.lm.load.LoadOptions;
import org.mlx4j.lm.load.LoadedModel;
import org.mlx4j.lm.models.Architectures;
import org.mlx4j.lm.models.ModelConfig;
import org.mlx4j.nn.Module;
import org.mlx4j.lm.tokenizer.Tokenizer;

/**
 * The {@code ./mlx4j lm} command line, as Python mlx-lm's {@code mlx_lm.generate} and friends:
 * <pre>
 * generate --model DIR (--prompt TEXT | --ids 1,2,3) [--max-tokens N] [--temp T] [--seed S] [--ignore-eos] [--json]
 *          [--top-p P] [--top-k K] [--min-p P] [--repetition-penalty R] [--stop TEXT]... [--max-kv-size N]
 *          [--kv-bits 4|8] [--q-bits 4|8] [--q-group-size 32|64|128] [--dtype float32|float16|bfloat16]
 *          [--prefill-step-size N] [--ignore-chat-template]
 * logits --model DIR --ids 1,2,3 --out FILE.npy      float32 [tokens, vocab] for the whole prompt
 * tokenize --model DIR --text TEXT [--no-special]     prints a JSON array of ids
 * detokenize --model DIR --ids 1,2,3 [--skip-special] prints the text
 * chat-template --model DIR --messages FILE.json      prints the rendered prompt (generation prompt added)
 * init-random --config CONFIG.json --out DIR [--seed S] [--dtype D]   a model directory of random weights
 * bench-batch --model DIR [--streams 1,8,32] [--max-tokens N] [--prompt-tokens P]   continuous-batching throughput
 * bench --model DIR [--prompt-tokens 128,512] [--gen-tokens 128] [--repeat 3]   prefill and decode tokens/s (llama-bench's pp/tg)
 * </pre>
 * {@code generate} streams the text, then prints a statistics line; with {@code --json} it prints, last, one JSON
 * line {@code {"ids": [...], "text": ..., "stats": {...}}} with the generated ids only. A {@code --prompt} goes
 * through the chat template when the tokenizer has one (as mlx-lm), unless {@code --ignore-chat-template}.
 */
public final class LmCli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = """
            usage: ./mlx4j lm COMMAND --model DIR ...
              generate --model DIR (--prompt TEXT | --ids 1,2,3) [--max-tokens N] [--temp T] [--seed S] [--ignore-eos] [--json]
                       [--top-p P] [--top-k K] [--min-p P] [--repetition-penalty R] [--stop TEXT]... [--max-kv-size N]
                       [--kv-bits 4|8] [--q-bits 4|8] [--q-group-size 32|64|128] [--dtype float32|float16|bfloat16]
                       [--prefill-step-size N] [--ignore-chat-template]
              logits --model DIR --ids 1,2,3 --out FILE.npy
              tokenize --model DIR --text TEXT [--no-special]
              detokenize --model DIR --ids 1,2,3 [--skip-special]
              chat-template --model DIR --messages FILE.json
              init-random --config CONFIG.json --out DIR [--seed S] [--dtype float32|float16|bfloat16]
              bench-batch --model DIR [--streams 1,8,32] [--max-tokens N] [--prompt-tokens P] [--q-bits 4|8] [--dtype D]
              bench --model DIR [--prompt-tokens 128,512] [--gen-tokens 128] [--repeat 3] [--q-bits 4|8] [--dtype D]""";

    private final PrintStream out;

    private LmCli(PrintStream out) { this.out = out; }

    /**
     * Runs one command and exits with 0, 1 (a failure, its message on standard error) or 2 (a usage mistake).
     *
     * @param args the command and its options
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.exit(run(args, out, System.err));
    }

    /**
     * Runs one command.
     *
     * @param args the command and its options
     * @param out where the command's output goes
     * @param err where errors go
     * @return the exit status: 0, 1 for a failure, 2 for a usage mistake
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            err.println(USAGE);
            return 2;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        LmCli cli = new LmCli(out);
        try {
            switch (command) {
                case "generate" -> cli.generate(rest);
                case "logits" -> cli.logits(rest);
                case "tokenize" -> cli.tokenize(rest);
                case "detokenize" -> cli.detokenize(rest);
                case "chat-template" -> cli.chatTemplate(rest);
                case "init-random" -> cli.initRandom(rest);
                case "bench-batch" -> cli.benchBatch(rest);
                case "bench" -> cli.bench(rest);
                default -> throw new CliArgs.UsageException("unknown command " + command);
            }
            out.flush();
            return 0;
        } catch (CliArgs.UsageException e) {
            err.println("mlx4j lm: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (RuntimeException | IOException e) {
            out.flush();
            err.println("mlx4j lm " + command + ": " + e.getMessage());
            return 1;
        }
    }

    private void generate(String[] args) throws IOException {
        CliArgs a = new CliArgs("generate", args,
                Set.of("--model", "--prompt", "--ids", "--max-tokens", "--temp", "--seed", "--top-p", "--top-k", "--min-p",
                        "--repetition-penalty", "--repetition-context-size", "--stop", "--max-kv-size", "--kv-bits",
                        "--kv-group-size", "--q-bits", "--q-group-size", "--dtype", "--prefill-step-size"),
                Set.of("--ignore-eos", "--json", "--ignore-chat-template"));
        if (a.has("--prompt") == a.has("--ids")) throw new CliArgs.UsageException("generate: give exactly one of --prompt and --ids");
        LoadedModel loaded = load(a, "generate");
        int[] prompt;
        if (a.has("--ids")) {
            prompt = a.ids("generate", "--ids");
        } else {
            Tokenizer tok = loaded.tokenizer();
            String text = a.value("--prompt", "");
            if (tok.hasChatTemplate() && !a.flag("--ignore-chat-template")) {
                String rendered = tok.applyChatTemplate(List.of(Map.of("role", "user", "content", text)), true);
                prompt = tok.encode(rendered, false);
            } else {
                prompt = tok.encode(text);
            }
        }
        GenerationOptions o = GenerationOptions.defaults()
                .withMaxTokens(a.integer("generate", "--max-tokens", 256))
                .withTemperature(a.number("generate", "--temp", 0))
                .withTopP(a.number("generate", "--top-p", 1))
                .withTopK(a.integer("generate", "--top-k", 0))
                .withMinP(a.number("generate", "--min-p", 0))
                .withRepetitionPenalty(a.number("generate", "--repetition-penalty", 1), a.integer("generate", "--repetition-context-size", 20))
                .withStopStrings(a.all("--stop"))
                .withIgnoreEos(a.flag("--ignore-eos"))
                .withPrefillStepSize(a.integer("generate", "--prefill-step-size", 2048))
                .withMaxKvSize(a.integer("generate", "--max-kv-size", 0))
                .withKvQuantization(a.integer("generate", "--kv-bits", 0), a.integer("generate", "--kv-group-size", 64));
        if (a.has("--seed")) o = o.withSeed(a.integer("generate", "--seed", 0));
        boolean json = a.flag("--json");
        GenerationResult r = TextGenerator.generate(loaded, prompt, o, text -> {
            out.print(text);
            out.flush();
        });
        out.println();
        out.println(r.stats());
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("ids", r.ids());
            line.put("text", r.text());
            line.put("finish_reason", r.finishReason());
            line.put("stats", JSON.readValue(r.stats().toJson(), new TypeReference<LinkedHashMap<String, Object>>() {}));
            out.println(JSON.writeValueAsString(line));
        }
    }

    private void logits(String[] args) {
        CliArgs a = new CliArgs("logits", args, Set.of("--model", "--ids", "--out", "--dtype", "--q-bits", "--q-group-size"), Set.of());
        int[] ids = a.ids("logits", "--ids");
        Path file = Path.of(a.required("logits", "--out"));
        LoadedModel loaded = load(a, "logits");
        Array logits = loaded.model().forward(Mx.array(ids, 1, ids.length), null);
        Array rows = Mx.reshape(logits, new int[] {ids.length, logits.shape(2)}).astype(DType.FLOAT32);
        Mx.save(file, rows);
    }

    private void tokenize(String[] args) throws IOException {
        CliArgs a = new CliArgs("tokenize", args, Set.of("--model", "--text"), Set.of("--no-special"));
        Tokenizer tok = Tokenizer.load(Path.of(a.required("tokenize", "--model")));
        out.println(JSON.writeValueAsString(tok.encode(a.required("tokenize", "--text"), !a.flag("--no-special"))));
    }

    private void detokenize(String[] args) {
        CliArgs a = new CliArgs("detokenize", args, Set.of("--model", "--ids"), Set.of("--skip-special"));
        int[] ids = a.ids("detokenize", "--ids");
        Tokenizer tok = Tokenizer.load(Path.of(a.required("detokenize", "--model")));
        out.println(tok.decode(ids, a.flag("--skip-special")));
    }

    private void chatTemplate(String[] args) throws IOException {
        CliArgs a = new CliArgs("chat-template", args, Set.of("--model", "--messages"), Set.of());
        Tokenizer tok = Tokenizer.load(Path.of(a.required("chat-template", "--model")));
        Path file = Path.of(a.required("chat-template", "--messages"));
        List<Map<String, Object>> messages = JSON.readValue(Files.readString(file), new TypeReference<List<Map<String, Object>>>() {});
        out.print(tok.applyChatTemplate(messages, true));
        out.flush();
    }

    private void initRandom(String[] args) throws IOException {
        CliArgs a = new CliArgs("init-random", args, Set.of("--config", "--out", "--seed", "--dtype"), Set.of());
        ModelConfig config = ModelConfig.fromJson(Path.of(a.required("init-random", "--config")));
        Path dir = Path.of(a.required("init-random", "--out"));
        org.mlx4j.core.Random.seed(a.integer("init-random", "--seed", 0));
        Module model = (Module) Architectures.create(config);
        if (a.has("--dtype")) model.setDtype(dtype("init-random", a.value("--dtype", "")));
        Files.createDirectories(dir);
        model.saveWeights(dir.resolve("model.safetensors"));
        config.save(dir.resolve("config.json"));
        out.println(dir);
    }

    /**
     * Decode throughput of continuous batching: for each stream count, that many sequences of random prompts are
     * submitted together and generate {@code --max-tokens} ids each (EOS ignored); tokens per second counts every
     * generated id over the wall time from submission to the last id, prefills included.
     */
    private void benchBatch(String[] args) {
        CliArgs a = new CliArgs("bench-batch", args,
                Set.of("--model", "--streams", "--max-tokens", "--prompt-tokens", "--dtype", "--q-bits", "--q-group-size"), Set.of());
        LoadedModel loaded = load(a, "bench-batch");
        int[] streams = a.has("--streams") ? a.ids("bench-batch", "--streams") : new int[] {1, 8, 32};
        int maxTokens = a.integer("bench-batch", "--max-tokens", 32), promptTokens = a.integer("bench-batch", "--prompt-tokens", 16);
        GenerationOptions o = GenerationOptions.defaults().withMaxTokens(maxTokens).withIgnoreEos(true);
        java.util.Random random = new java.util.Random(0);
        int vocab = loaded.config().vocabSize();
        try (BatchGenerator warmUp = new BatchGenerator(loaded.model(), 2)) { // compiles the code paths once, untimed
            List<BatchRequest> two = List.of(warmUp.submit(new int[] {1, 2}, o.withMaxTokens(4), Set.of(), 4),
                    warmUp.submit(new int[] {3}, o.withMaxTokens(4), Set.of(), 4));
            for (BatchRequest r : two) {
                while (!(r.isDone() && r.buffered() == 0)) if (r.poll() == null) java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
        }
        double single = 0;
        out.println("| streams | tokens | seconds | tokens/s | vs 1 stream |");
        out.println("| ---: | ---: | ---: | ---: | ---: |");
        for (int n : streams) {
            try (BatchGenerator batch = new BatchGenerator(loaded.model(), Math.max(n, 1))) {
                long start = System.nanoTime();
                List<BatchRequest> requests = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int[] prompt = random.ints(promptTokens, 0, vocab).toArray();
                    requests.add(batch.submit(prompt, o, Set.of(), maxTokens));
                }
                long tokens = 0;
                for (BatchRequest r : requests) {
                    while (!(r.isDone() && r.buffered() == 0)) {
                        if (r.poll() != null) tokens++;
                        else java.util.concurrent.locks.LockSupport.parkNanos(200_000); // leave the cores to the model
                    }
                    if (r.error() != null) throw new IllegalStateException("bench-batch: a sequence failed", r.error());
                }
                double seconds = (System.nanoTime() - start) / 1e9, tps = tokens / seconds;
                if (single == 0) single = tps;
                out.printf(java.util.Locale.ROOT, "| %d | %d | %.2f | %.1f | %.2fx |%n", n, tokens, seconds, tps, tps / single);
            }
        }
    }

    /**
     * Prefill and decode speed as llama-bench measures them: {@code ppP} runs a random prompt of {@code P} tokens
     * through the model in one chunk into a fresh cache; {@code tgN} generates {@code N} tokens greedily after a
     * one-token prompt (the time from the first token to the last, one step ahead as in generation). Each is
     * repeated after one untimed warm-up run; the median tokens/s is printed.
     */
    private void bench(String[] args) {
        CliArgs a = new CliArgs("bench", args,
                Set.of("--model", "--prompt-tokens", "--gen-tokens", "--repeat", "--dtype", "--q-bits", "--q-group-size"), Set.of());
        LoadedModel loaded = load(a, "bench");
        LanguageModelBench bench = new LanguageModelBench(loaded.model());
        int[] prompts = a.has("--prompt-tokens") ? a.ids("bench", "--prompt-tokens") : new int[] {128, 512};
        int gen = a.integer("bench", "--gen-tokens", 128), repeat = Math.max(1, a.integer("bench", "--repeat", 3));
        out.println("| test | tokens/s (median of " + repeat + ") |");
        out.println("| --- | ---: |");
        for (int p : prompts) out.printf(java.util.Locale.ROOT, "| pp%d | %.1f |%n", p, bench.prefill(p, repeat));
        if (gen > 0) out.printf(java.util.Locale.ROOT, "| tg%d | %.1f |%n", gen, bench.decode(gen, repeat));
    }

    private static DType dtype(String command, String name) {
        return switch (name) {
            case "float32" -> DType.FLOAT32;
            case "float16" -> DType.FLOAT16;
            case "bfloat16" -> DType.BFLOAT16;
            default -> throw new CliArgs.UsageException(command + ": --dtype must be float32, float16 or bfloat16");
        };
    }

    private static LoadedModel load(CliArgs a, String command) {
        LoadOptions options = LoadOptions.defaults();
        if (a.has("--dtype")) options = options.withDtype(dtype(command, a.value("--dtype", "")));
        if (a.has("--q-bits")) options = options.withQuantization(a.integer(command, "--q-bits", 0), a.integer(command, "--q-group-size", 64));
        return LoadedModel.load(Path.of(a.required(command, "--model")), options);
    }
}
