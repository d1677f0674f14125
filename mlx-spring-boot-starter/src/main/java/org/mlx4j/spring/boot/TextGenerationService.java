package org.mlx4j.spring.boot;

import java.util.List;
import java.util.Map;
import org.mlx4j.lm.generate.GenerationOptions;
import reactor.core.publisher.Flux;

/**
 * A language model serving concurrent requests: each {@link #generate} is a cold {@link Flux} of tokens whose
 * cancel (a client gone) stops its decoding within one step and frees its cache.
 */
public interface TextGenerationService {
    /**
     * The model's id, as {@code /v1/models} lists it.
     *
     * @return the model's id, as {@code /v1/models} lists it
     */
    String modelId();

    /**
     * The most tokens a prompt and its continuation may hold together.
     *
     * @return the most tokens a prompt and its continuation may hold together
     */
    int contextLength();

    /**
     * The prompt ids of a chat: the tokenizer's chat template when it has one, else the contents joined by new lines.
     *
     * @param messages OpenAI-style messages ({@code role}, {@code content})
     * @return the prompt ids
     */
    int[] encodeChat(List<Map<String, Object>> messages);

    /**
     * The prompt ids of a plain text (with the tokenizer's special tokens).
     *
     * @param text the prompt
     * @return the prompt ids
     */
    int[] encode(String text);

    /**
     * Generates a continuation. Admission happens at subscription: the flux fails with {@link Overloaded} when
     * the service is full or shutting down. The last signal before completion is given to {@code onFinish}.
     *
     * @param prompt the prompt ids (at least one)
     * @param options sampling, stop strings and max tokens
     * @param onFinish receives the token counts and finish reason when the generation completes (not on cancel)
     * @return a cold flux of tokens
     */
    Flux<Token> generate(int[] prompt, GenerationOptions options, java.util.function.Consumer<FinishedGeneration> onFinish);
}
