package org.mlx4j.examples.reactive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.mlx4j.lm.generate.GenerationOptions;
import org.mlx4j.lm.load.LoadedModel;
import org.mlx4j.reactive.Generation;
import org.mlx4j.reactive.GenerationSummary;
import org.mlx4j.reactive.LanguageModelFlux;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Streams a language model's text to the terminal as it is generated: a {@code Flux} of text pieces from
 * {@link LanguageModelFlux}, which keeps one decode step in flight ahead of the piece being printed, paced by a
 * slow consumer through {@code limitRate(1)} (the model never runs ahead of it), then prints the run's summary.
 * The model is {@code models/kjv-llama}, a small Llama trained on the King James Bible with mlx-nn (any Hugging
 * Face model directory mlx-lm reads works with {@code --model}).
 *
 * <pre>
 *   ./mlx4j demo                                         # 60 tokens after "And God said"
 *   ./mlx4j demo --prompt "Blessed are the" --tokens 200 --delay-ms 0 --temp 0.7 --seed 3
 * </pre>
 */
public final class TokenStreamingExample {
    /** The model the demo runs unless {@code --model} names another. */
    public static final Path DEFAULT_MODEL = Path.of("models", "kjv-llama");

    private TokenStreamingExample() {}

    /**
     * Runs the demo.
     *
     * @param args {@code --model DIR --prompt TEXT --tokens N --delay-ms N --temp T --seed S}
     */
    public static void main(String[] args) {
        Path dir = Path.of(stringArg(args, "--model", DEFAULT_MODEL.toString()));
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("demo: no model directory at " + dir.toAbsolutePath()
                    + " (run from the repository root, or pass --model DIR with a Hugging Face model directory)");
        }
        String prompt = stringArg(args, "--prompt", "And God said");
        int tokens = intArg(args, "--tokens", 60);
        int delayMs = intArg(args, "--delay-ms", 25);
        double temperature = Double.parseDouble(stringArg(args, "--temp", "0.8"));
        long seed = Long.parseLong(stringArg(args, "--seed", "0"));
        LoadedModel model = LoadedModel.load(dir);
        GenerationOptions options = GenerationOptions.defaults().withMaxTokens(tokens).withTemperature(temperature).withSeed(seed);
        AtomicReference<GenerationSummary> summary = new AtomicReference<>();

        Flux<String> text = LanguageModelFlux.text(model, model.tokenizer().encode(prompt), options)
                .limitRate(1)                                  // a consumer that asks for one piece at a time,
                .delayElements(Duration.ofMillis(delayMs))     // reads slowly,
                .publishOn(Schedulers.boundedElastic(), 1)     // and prints (blocking I/O) off the event loop
                .contextWrite(Generation.summaryTo(summary::set));

        System.out.println("mlx4j token streaming: " + dir + ", " + tokens + " tokens at temperature " + temperature
                + ", one step in flight ahead of the consumer");
        System.out.print(prompt);
        text.doOnNext(piece -> {
            System.out.print(piece);
            System.out.flush();
        }).blockLast(Duration.ofMinutes(5));
        System.out.println();
        System.out.println("summary: " + summary.get());
    }

    static String stringArg(String[] args, String name, String dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) return args[i + 1];
        }
        return dflt;
    }

    static int intArg(String[] args, String name, int dflt) {
        String value = stringArg(args, name, null);
        if (value == null) return dflt;
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs an integer, got " + value);
        }
    }
}
