package org.mlx4j.examples.lm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.mlx4j.core.Array;
import org.mlx4j.core.CompileOptions;
import org.mlx4j.core.Fn;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;
import org.mlx4j.examples.nn.ProgressBar;
import org.mlx4j.lm.generate.GenerationOptions;
import org.mlx4j.lm.generate.TextGenerator;
import org.mlx4j.lm.models.Llama;
import org.mlx4j.lm.models.ModelConfig;
import org.mlx4j.lm.tokenizer.Tokenizer;
import org.mlx4j.nn.Losses;
import org.mlx4j.nn.Nn;
import org.mlx4j.nn.ValueAndGradTree;
import org.mlx4j.optimizers.AdamW;
import org.mlx4j.optimizers.Optimizers;
import org.mlx4j.optimizers.Schedule;
import org.mlx4j.optimizers.Schedules;

/**
 * Trains a small Llama-architecture language model (pre-norm RMSNorm, RoPE, grouped-query attention, SwiGLU,
 * tied embeddings) on the King James Bible with mlx-nn, the step compiled with the model and optimizer state as
 * its captured inputs and outputs, and saves it as a Hugging Face directory: {@code config.json}
 * ({@code model_type: llama}), {@code model.safetensors} with transformers' tensor names, the tokenizer files
 * and {@code generation_config.json}. The committed {@code models/kjv-llama} was made by
 *
 * <pre>
 *   ./mlx4j train llama                                  # 4 layers, width 256, 500 steps of 32 x 128 tokens
 *   ./mlx4j train llama --steps 200 --out target/kjv-llama-test
 * </pre>
 *
 * from the tokenizer {@code models/kjv-llama/train_tokenizer.py} trains.
 */
public final class LlamaTraining {
    /**
     * The run's settings.
     *
     * @param tokenizerDir where {@code tokenizer.json} is read from
     * @param out the Hugging Face directory written
     * @param steps optimizer steps
     * @param batch windows per step
     * @param context tokens per window
     * @param learningRate the peak learning rate (linear warm-up, then cosine decay to a tenth)
     * @param warmup warm-up steps
     * @param seed the seed of weights and batches
     * @param hidden the model width
     * @param layers decoder layers
     * @param heads query heads
     * @param kvHeads key/value heads
     * @param intermediate the SwiGLU width
     */
    public record Options(Path tokenizerDir, Path out, int steps, int batch, int context, double learningRate, int warmup,
                          long seed, int hidden, int layers, int heads, int kvHeads, int intermediate) {
        /** The settings of the committed model. */
        public static Options defaults() {
            return new Options(Path.of("models", "kjv-llama"), Path.of("models", "kjv-llama"), 500, 32, 128, 2e-3, 100,
                    0, 256, 4, 8, 4, 768);
        }
    }

    /**
     * What a run ends with.
     *
     * @param trainLoss the mean training loss of each tenth of the run
     * @param heldOutLoss the mean cross entropy (nats per token) on held-out verses at the end
     * @param msPerStep the median time of a compiled step
     * @param tokensPerSecond training tokens per second at that median
     */
    public record Result(List<Double> trainLoss, double heldOutLoss, double msPerStep, double tokensPerSecond) { }

    private static final double HELD_OUT = 0.02;

    private LlamaTraining() {}

    /**
     * The configuration of a model for {@code tokenizer} with the sizes of {@code o}.
     *
     * @param o the sizes
     * @param tokenizer the tokenizer, giving the vocabulary and the BOS/EOS ids
     * @return a Llama configuration with tied embeddings and {@code 2 * context} positions
     */
    public static ModelConfig config(Options o, Tokenizer tokenizer) {
        return ModelConfig.llama(tokenizer.vocabSize(), o.hidden(), o.layers(), o.heads(), o.kvHeads(), o.intermediate())
                .with("tie_word_embeddings", true)
                .with("max_position_embeddings", 2 * o.context())
                .with("bos_token_id", tokenizer.bosTokenId().orElseThrow())
                .with("eos_token_id", tokenizer.eosTokenId().orElseThrow());
    }

    /**
     * Trains {@code model} on {@code corpus} with AdamW and gradient clipping, reporting progress to standard
     * output when {@code progress} is set.
     *
     * @param model the model, trained in place
     * @param corpus the encoded text
     * @param o the settings
     * @param progress whether to draw the progress bar
     * @return the curves and figures
     */
    public static Result train(Llama model, KjvCorpus corpus, Options o, boolean progress) {
        Schedule lr = Schedules.joinSchedules(List.of(Schedules.linearSchedule(o.learningRate() / o.warmup(), o.learningRate(), o.warmup()),
                Schedules.cosineDecay(o.learningRate(), Math.max(1, o.steps() - o.warmup()), o.learningRate() / 10)), new int[] {o.warmup()});
        AdamW optimizer = new AdamW(lr, 0.9, 0.95, 1e-8, 0.1, true);
        optimizer.init(model.trainableParameters());
        var lossAndGrad = Nn.valueAndGrad(model, args ->
                List.of(Losses.crossEntropy(model.forward(args.get(0), null), args.get(1), "mean")));
        Fn trainStep = args -> {
            ValueAndGradTree out = lossAndGrad.apply(args);
            optimizer.update(model, Optimizers.clipGradNorm(out.grads(), 1.0).grads());
            return List.of(out.value());
        };
        Fn step = Mx.compile(trainStep, CompileOptions.defaults().withInputs(model, optimizer).withOutputs(model, optimizer));
        int trainEnd = corpus.heldOutFrom(HELD_OUT);
        java.util.Random batches = new java.util.Random(o.seed());
        ProgressBar bar = new ProgressBar(System.out, "training", o.steps());
        List<Double> curve = new ArrayList<>();
        double[] stepMs = new double[o.steps()];
        double sum = 0;
        int inTenth = 0;
        for (int s = 0; s < o.steps(); s++) {
            Array[] xy = corpus.batch(batches, o.batch(), o.context(), 0, trainEnd);
            long t0 = System.nanoTime();
            Array loss = step.apply(List.of(xy[0], xy[1])).get(0);
            Mx.eval(model, optimizer, loss);
            stepMs[s] = (System.nanoTime() - t0) / 1e6;
            sum += loss.doubleValue();
            inTenth++;
            if ((s + 1) % Math.max(1, o.steps() / 10) == 0 || s + 1 == o.steps()) {
                curve.add(sum / inTenth);
                sum = 0;
                inTenth = 0;
            }
            if (progress && (s % 5 == 0 || s + 1 == o.steps())) {
                bar.update(s + 1, String.format(Locale.ROOT, "loss %.3f  %.0f ms/step", loss.doubleValue(), stepMs[s]));
            }
        }
        double heldOut = heldOutLoss(model, corpus, o.batch(), o.context());
        if (progress) bar.finish(String.format(Locale.ROOT, "held-out loss %.3f (perplexity %.1f)", heldOut, Math.exp(heldOut)));
        double[] sorted = stepMs.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        return new Result(curve, heldOut, median, o.batch() * o.context() / (median / 1000));
    }

    /**
     * The mean cross entropy, in nats per token, over 16 batches of windows from the held-out verses (drawn with a
     * fixed seed, so every call measures the same windows).
     *
     * @param model the model
     * @param corpus the text
     * @param batch windows per batch
     * @param context tokens per window
     * @return the held-out loss
     */
    public static double heldOutLoss(Llama model, KjvCorpus corpus, int batch, int context) {
        java.util.Random draws = new java.util.Random(12345);
        double total = 0;
        int batches = 16;
        for (int b = 0; b < batches; b++) {
            Array[] xy = corpus.batch(draws, batch, context, corpus.heldOutFrom(HELD_OUT), corpus.verseStarts().length);
            total += Losses.crossEntropy(model.forward(xy[0], null), xy[1], "mean").doubleValue();
        }
        return total / batches;
    }

    /**
     * Saves the model, its configuration, tokenizer and generation settings as a Hugging Face directory.
     *
     * @param model the trained model
     * @param o the settings (the tokenizer directory and the output)
     * @throws IOException if a file cannot be written
     */
    public static void save(Llama model, Options o) throws IOException {
        Files.createDirectories(o.out());
        model.config().save(o.out().resolve("config.json"));
        model.saveWeights(o.out().resolve("model.safetensors"));
        for (String name : List.of("tokenizer.json", "tokenizer_config.json")) {
            Path from = o.tokenizerDir().resolve(name), to = o.out().resolve(name);
            if (!Files.isSameFile(from.getParent(), o.out())) Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ModelConfig c = model.config();
        Files.writeString(o.out().resolve("generation_config.json"), String.format(Locale.ROOT,
                "{\n  \"bos_token_id\": %d,\n  \"eos_token_id\": %d,\n  \"do_sample\": true,\n  \"temperature\": 0.8,\n"
                        + "  \"top_p\": 0.95,\n  \"max_length\": %d\n}\n",
                c.integer("bos_token_id", 0), c.integer("eos_token_id", 1), c.maxPositionEmbeddings()));
    }

    /**
     * Continues {@code prompt} by sampling at {@code temperature} with mlx-lm's generation (KV cache, streaming
     * detokenizer), ending at EOS or after {@code maxTokens}.
     *
     * @param model the model
     * @param tokenizer its tokenizer
     * @param prompt the text to continue (BOS is added in front)
     * @param maxTokens the most tokens to generate
     * @param temperature the softmax temperature (0 for the most likely token)
     * @param seed the seed of the draws
     * @return the prompt and its continuation
     */
    public static String sample(Llama model, Tokenizer tokenizer, String prompt, int maxTokens, double temperature, long seed) {
        GenerationOptions options = GenerationOptions.defaults().withMaxTokens(maxTokens).withTemperature(temperature).withSeed(seed);
        Set<Integer> eos = tokenizer.eosTokenId().stream().boxed().collect(Collectors.toSet());
        return prompt + TextGenerator.generate(model, tokenizer, eos, tokenizer.encode(prompt), options, null, null).text();
    }

    /**
     * Runs the training from the command line and prints a few samples of the trained model.
     *
     * @param args {@code --steps N --batch N --context N --lr X --warmup N --seed N --out DIR --tokenizer DIR
     *     --hidden N --layers N --heads N --kv-heads N --intermediate N}
     * @throws IOException if the tokenizer cannot be read or the model cannot be written
     */
    public static void main(String[] args) throws IOException {
        Options d = Options.defaults();
        Path tokenizerDir = d.tokenizerDir(), out = d.out();
        int steps = d.steps(), batch = d.batch(), context = d.context(), warmup = d.warmup();
        int hidden = d.hidden(), layers = d.layers(), heads = d.heads(), kvHeads = d.kvHeads(), intermediate = d.intermediate();
        double lr = d.learningRate();
        long seed = d.seed();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--context" -> context = Integer.parseInt(args[++i]);
                case "--lr" -> lr = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--tokenizer" -> tokenizerDir = Path.of(args[++i]);
                case "--hidden" -> hidden = Integer.parseInt(args[++i]);
                case "--layers" -> layers = Integer.parseInt(args[++i]);
                case "--heads" -> heads = Integer.parseInt(args[++i]);
                case "--kv-heads" -> kvHeads = Integer.parseInt(args[++i]);
                case "--intermediate" -> intermediate = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --steps --batch --context --lr"
                        + " --warmup --seed --out --tokenizer --hidden --layers --heads --kv-heads --intermediate)");
            }
        }
        Options o = new Options(tokenizerDir, out, steps, batch, context, lr, warmup, seed, hidden, layers, heads, kvHeads, intermediate);
        Random.seed(seed);
        Tokenizer tokenizer = Tokenizer.load(o.tokenizerDir());
        KjvCorpus corpus = KjvCorpus.encode(tokenizer);
        Llama model = new Llama(config(o, tokenizer));
        long parameters = org.mlx4j.utils.Tree.flatten(model.parameters()).values().stream().mapToLong(Array::size).sum();
        System.out.printf(Locale.ROOT, "kjv-llama: %,d tokens, %,d parameters (%d layers, width %d, %d/%d heads), %d steps of %d x %d tokens%n",
                corpus.tokens().length, parameters, layers, hidden, heads, kvHeads, steps, batch, context);
        Result r = train(model, corpus, o, true);
        save(model, o);
        System.out.printf(Locale.ROOT, "saved %s; training loss by tenths %s; held-out %.3f nats/token; %.1f ms per step"
                        + " (%.0f tokens/s)%n", o.out(), r.trainLoss().stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList(),
                r.heldOutLoss(), r.msPerStep(), r.tokensPerSecond());
        for (String prompt : SAMPLE_PROMPTS) System.out.println("> " + sample(model, tokenizer, prompt, 48, 0.8, seed).strip());
    }

    /** The prompts whose continuations a run prints. */
    static final List<String> SAMPLE_PROMPTS = List.of("In the beginning", "And the LORD said unto Moses,", "Blessed are the");
}
