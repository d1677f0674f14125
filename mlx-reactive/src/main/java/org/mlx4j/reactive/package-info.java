/**
 * Project Reactor publishers over mlx4j's asynchronous evaluation: {@link org.mlx4j.reactive.MlxMono}
 * ({@code async_eval} as a {@code Mono}), {@link org.mlx4j.reactive.Pipeline} (pipelined stages with a
 * bounded depth), {@link org.mlx4j.reactive.Generation} (token generation one step ahead),
 * {@link org.mlx4j.reactive.DataLoader} (batches from arrays and files, prefetched) and
 * {@link org.mlx4j.reactive.Training} (a training loop as a {@code Flux}).
 *
 * <p>Every publisher is cold, completes from the stream's completion signal rather than from a thread
 * waiting in {@code eval}, never blocks a non-blocking thread, and says who closes which arrays. Their class
 * comments carry marble diagrams of demand, completion, cancel and errors.
 */
package org.mlx4j.reactive;
