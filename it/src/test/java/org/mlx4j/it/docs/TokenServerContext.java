package org.mlx4j.it.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * For an example that declares a handler method {@code Flux<String> generate(String prompt)} over a
 * {@link ToyGenerationContext}: the handler is called with "mlx4j" and must stream the toy model's sentence
 * up to and including the end of sequence, and log the run's summary.
 */
public class TokenServerContext extends ToyGenerationContext {
    @Override
    public void verify() throws Exception {
        Method generate = getClass().getDeclaredMethod("generate", String.class);
        generate.setAccessible(true);
        @SuppressWarnings("unchecked")
        Flux<String> words = (Flux<String>) generate.invoke(this, "mlx4j");
        List<String> said = words.collectList().block(ExampleRunner.PUBLISHER_TIMEOUT);
        assertThat(said).containsExactly("streams", "every", "token", "one", "step", "ahead", "of", "demand", ".");
        super.verify();
    }
}
