package org.mlx4j.core;

import java.util.function.Supplier;

/**
 * Marks code that must only build graphs: a blocking {@link Mx#eval} or an implicit evaluation on this
 * thread inside {@link #run} throws, naming the stage. {@link Mx#asyncEval} stays allowed.
 */
public final class NoEval {
    private static final ThreadLocal<String> STAGE = new ThreadLocal<>();

    private NoEval() {}

    /**
     * Runs {@code body} on this thread as a stage that must only build graphs: a blocking {@link Mx#eval} or an
     * implicit evaluation inside it throws, naming the stage, while {@link Mx#asyncEval} stays allowed. Calls
     * nest; the previous stage is restored afterwards.
     *
     * @param <T> the type of the result
     * @param stageName the name of the stage, used in the error message
     * @param body the code that builds the graph
     * @return what {@code body} returns
     * @throws IllegalStateException (from inside {@code body}) when {@code body} evaluates an array blockingly
     */
    public static <T> T run(String stageName, Supplier<T> body) {
        String previous = STAGE.get();
        STAGE.set(stageName);
        try {
            return body.get();
        } finally {
            STAGE.set(previous);
        }
    }

    /** Throws when a blocking evaluation happens inside a {@link #run} body on this thread. */
    static void check(String what) {
        String stage = STAGE.get();
        if (stage != null) {
            throw new IllegalStateException(stage + " must only build a graph, but it called " + what
                    + ", which blocks until values are computed; return the arrays instead and let the"
                    + " pipeline evaluate them asynchronously");
        }
    }
}
