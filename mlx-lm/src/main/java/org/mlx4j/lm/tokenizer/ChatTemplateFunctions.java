package org.mlx4j.lm.tokenizer;

import java.time.LocalDateTime;

/** The functions transformers adds to a chat template's Jinja environment. */
public final class ChatTemplateFunctions {
    private ChatTemplateFunctions() {}

    /**
     * {@code raise_exception(message)}: stops rendering with {@code message}.
     *
     * @param message the message
     * @return never
     */
    public static Object raiseException(String message) {
        throw new RaisedException(message);
    }

    /** The exception of {@code raise_exception}, told apart from the engine's own errors. */
    static final class RaisedException extends RuntimeException {
        RaisedException(String message) {
            super(message);
        }
    }

    /**
     * {@code strftime_now(format)}: the local time in a Python {@code strftime} format.
     *
     * @param format the format
     * @return the formatted time
     */
    public static String strftimeNow(String format) {
        return Strftime.format(LocalDateTime.now(), format);
    }
}
