package org.mlx4j.examples.reactive;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.mlx4j.core.Array;
import org.mlx4j.core.Device;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Stream;
import org.mlx4j.reactive.Generation;
import org.mlx4j.reactive.GenerationSummary;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Streams a toy generator's tokens to the terminal as they are computed: a generation {@code Flux} that
 * keeps one step in flight ahead of the token being printed, paced by a slow consumer through
 * {@code limitRate(1)} (the generator never runs ahead of it), then prints the run's summary.
 *
 * <pre>
 *   ./mlx4j demo                      # 60 tokens
 *   ./mlx4j demo --tokens 200 --delay-ms 0 --prompt 3
 * </pre>
 */
public final class TokenStreamingExample {
    private TokenStreamingExample() {}

    public static void main(String[] args) {
        int tokens = intArg(args, "--tokens", 60);
        int delayMs = intArg(args, "--delay-ms", 25);
        int prompt = intArg(args, "--prompt", 0);
        ToyLanguageModel model = new ToyLanguageModel(64, 2024);
        Stream generationStream = Mx.newStream(Device.cpu());
        AtomicReference<GenerationSummary> summary = new AtomicReference<>();

        Flux<String> words = Generation.of(() -> model.initial(prompt % model.vocab), model::step)
                .maxSteps(tokens)
                .on(generationStream)
                .flux(Array::intValue)
                .limitRate(1)                                  // a consumer that asks for one token at a time,
                .delayElements(Duration.ofMillis(delayMs))     // reads slowly,
                .map(id -> ToyLanguageModel.WORDS[id])
                .publishOn(Schedulers.boundedElastic(), 1)     // and prints (blocking I/O) off the event loop
                .contextWrite(Generation.summaryTo(summary::set));

        System.out.println("mlx4j token streaming: a toy model, " + tokens + " tokens, one step in flight ahead of the consumer");
        System.out.print("> ");
        int[] col = {2};
        words.doOnNext(w -> {
            if (col[0] + w.length() + 1 > 78) {
                System.out.print("\n  ");
                col[0] = 2;
            }
            System.out.print(w + " ");
            System.out.flush();
            col[0] += w.length() + 1;
        }).blockLast(Duration.ofMinutes(5));
        System.out.println();
        System.out.println("summary: " + summary.get());
    }

    static int intArg(String[] args, String name, int dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                try {
                    return Integer.parseInt(args[i + 1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " needs an integer, got " + args[i + 1]);
                }
            }
        }
        return dflt;
    }
}
