package org.mlx4j.reactive;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import reactor.core.Exceptions;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.ContextView;

/**
 * The cold Mono behind {@link MlxMono}: on subscribe it obtains the tree (a given one, or one built from
 * the subscriber's context), schedules it with {@code asyncEval} and completes from the stream's
 * completion signal. Unlike {@code Mono.fromFuture}, a failure is signalled at once, without waiting for
 * a request; the value itself waits for demand, and is discarded (through Reactor's discard hook) when the
 * subscriber has cancelled meanwhile.
 */
final class EvalMono<T> extends Mono<T> {
    private final Function<ContextView, ? extends T> tree;

    EvalMono(Function<ContextView, ? extends T> tree) {
        this.tree = tree;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        Operators.MonoSubscriber<T, T> s = new Operators.MonoSubscriber<>(actual);
        actual.onSubscribe(s);
        T t;
        CompletableFuture<T> f;
        try {
            t = tree.apply(actual.currentContext());
            if (t == null) throw new IllegalStateException("MlxMono: the graph supplier returned null");
            f = MlxMono.schedule(t);
        } catch (Throwable e) {
            Exceptions.throwIfFatal(e);
            s.onError(Operators.onOperatorError(e, actual.currentContext()));
            return;
        }
        f.whenComplete((v, e) -> {
            if (e != null) s.onError(MlxMono.unwrap(e));
            else s.complete(v);
        });
    }
}
