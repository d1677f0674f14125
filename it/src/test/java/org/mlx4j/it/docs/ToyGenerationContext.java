package org.mlx4j.it.docs;

/**
 * For generation examples: {@code model} (a {@link ToyLanguageModel} with {@code prefill(int[])} and
 * {@code step(Array)}), {@code tokenizer} ({@link ToyTokenizer}: {@code encode}, {@code decode},
 * {@code eos}), {@code prompt} (the ids of "mlx4j") and {@code log}.
 */
public class ToyGenerationContext extends ExampleContext {
    protected final ToyTokenizer tokenizer = new ToyTokenizer();
    protected final ToyLanguageModel model = new ToyLanguageModel(tokenizer.vocabularySize());
    protected final int[] prompt = tokenizer.encode("mlx4j");
}
