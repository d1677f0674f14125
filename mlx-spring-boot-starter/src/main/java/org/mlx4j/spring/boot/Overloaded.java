package org.mlx4j.spring.boot;

/**
 * A request the generator does not admit now: too many waiting ({@code 429}) or shutting down ({@code 503});
 * the client may retry after {@link #retryAfterSeconds()}.
 */
public final class Overloaded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The HTTP status to answer. */
    private final int status;
    /** The seconds a client waits before retrying. */
    private final int retryAfterSeconds;

    /**
     * A refusal.
     *
     * @param status the HTTP status to answer: 429 or 503
     * @param retryAfterSeconds the seconds to wait before retrying
     * @param message what is full
     */
    public Overloaded(int status, int retryAfterSeconds, String message) {
        super(message);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * The HTTP status to answer: 429 or 503.
     *
     * @return the HTTP status to answer: 429 or 503
     */
    public int status() { return status; }

    /**
     * The seconds to wait before retrying.
     *
     * @return the seconds to wait before retrying
     */
    public int retryAfterSeconds() { return retryAfterSeconds; }
}
