package org.mlx4j.lm.cli;

import java.util.Arrays;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.lm.generate.DecodeStep;
import org.mlx4j.lm.generate.GenerationOptions;
import org.mlx4j.lm.generate.TokenGenerator;
import org.mlx4j.lm.models.LanguageModel;

/** The measurements of {@code lm bench}: prefill and decode tokens per second, medians of repeated runs. */
final class LanguageModelBench {
    private final LanguageModel model;
    private final java.util.Random random = new java.util.Random(0);

    LanguageModelBench(LanguageModel model) { this.model = model; }

    /** Tokens/s of one forward pass over {@code tokens} random ids into a fresh cache. */
    double prefill(int tokens, int repeat) {
        double[] tps = new double[repeat];
        for (int r = -1; r < repeat; r++) {
            int[] ids = random.ints(tokens, 0, model.config().vocabSize()).toArray();
            var cache = model.newCache();
            long start = System.nanoTime();
            Array logits = model.forward(Mx.array(ids, 1, tokens), cache);
            Mx.eval(logits, cache);
            double seconds = (System.nanoTime() - start) / 1e9;
            cache.forEach(c -> c.close());
            if (r >= 0) tps[r] = tokens / seconds;
        }
        return median(tps);
    }

    /** Tokens/s of greedy decoding of {@code tokens} ids after a one-token prompt, first token to last. */
    double decode(int tokens, int repeat) {
        double[] tps = new double[repeat];
        for (int r = -1; r < repeat; r++) {
            int[] prompt = {random.nextInt(model.config().vocabSize())};
            try (TokenGenerator g = new TokenGenerator(new DecodeStep(model, GenerationOptions.defaults()), prompt, tokens + 1)) {
                g.next();
                long start = System.nanoTime();
                while (g.hasNext()) g.next();
                double seconds = (System.nanoTime() - start) / 1e9;
                if (r >= 0) tps[r] = tokens / seconds;
            }
        }
        return median(tps);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
