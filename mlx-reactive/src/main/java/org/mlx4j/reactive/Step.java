package org.mlx4j.reactive;

/**
 * What one generation step builds from a state: the token to emit and the state for the next step, both
 * lazy. For a language model the token is the sampled id (a size-1 array) and the state holds the KV
 * cache and that token.
 *
 * @param token the step's output, emitted once evaluated
 * @param state the next step's input
 * @param <S> the state type
 * @param <O> the token type
 */
public record Step<S, O>(O token, S state) {
    /**
     * Checks that neither part is null.
     *
     * @throws IllegalArgumentException if {@code token} or {@code state} is null
     */
    public Step {
        if (token == null) throw new IllegalArgumentException("Step: token is null");
        if (state == null) throw new IllegalArgumentException("Step: state is null");
    }

    /**
     * A step's token and next state.
     *
     * @param <S> the state type
     * @param <O> the token type
     * @param token the step's output
     * @param state the next step's input
     * @return the step
     * @throws IllegalArgumentException if {@code token} or {@code state} is null
     */
    public static <S, O> Step<S, O> of(O token, S state) {
        return new Step<>(token, state);
    }
}
