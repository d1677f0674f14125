package org.mlx4j.core.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.mlx4j.core.Stream;
import org.mlx4j.core.backend.Backends;
import org.mlx4j.core.runtime.StreamExecutor;

/**
 * Turns a request to evaluate some nodes into work on streams (MLX's {@code eval_impl}).
 *
 * <p>The graph behind the outputs is walked iteratively (no recursion, so chains of any length
 * work), every unscheduled node is claimed and ordered, and consecutive nodes on one stream are
 * queued as one task. A node already scheduled by another eval is waited on, never scheduled
 * twice. Nodes are claimed and queued under one lock, so every wait points at work queued earlier
 * and cross-stream waits cannot deadlock; the walk itself (the plan) runs before the lock is taken,
 * and under it the plan is checked and committed in one linear pass (or, if another eval claimed
 * part of it meanwhile, walked again as before).
 *
 * <p>Buffer lifetime: each input edge counts as a pending consumer; when the last consumer of a
 * computed intermediate has run and no eval asked for it, its buffer goes back to the allocator at
 * once and the node returns to UNSCHEDULED (it keeps its inputs, so reading it later recomputes
 * it). Requested outputs are detached from their inputs once computed.
 */
public final class Scheduler {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final AtomicInteger RETAIN_GRAPH = new AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicLong COMPUTED = new java.util.concurrent.atomic.AtomicLong();
    private static int mark;
    /**
     * Whether a blocking eval may run idle-stream work on the calling thread ({@link #evaluate}); on unless
     * {@code -Dmlx4j.eval.inline=false}.
     */
    private static final boolean INLINE_EVAL = !"false".equals(System.getProperty("mlx4j.eval.inline"));

    /** How many primitives have been computed since the process started (for diagnostics and tests). */
    public static long computedCount() { return COMPUTED.get(); }

    private Scheduler() {}

    /**
     * While a transformation traces a function, evaluated outputs keep their inputs so gradients
     * can still flow through them. Pair every call with {@link #endRetainGraph()}.
     */
    public static void beginRetainGraph() { RETAIN_GRAPH.incrementAndGet(); }

    public static void endRetainGraph() { RETAIN_GRAPH.decrementAndGet(); }

    /**
     * Schedules everything {@code outputs} need and returns a future that completes, from the
     * completing stream's thread, when they are available (exceptionally with the first error
     * among them).
     */
    public static CompletableFuture<Void> schedule(List<Node> outputs) {
        return schedule(outputs, false).result;
    }

    /**
     * As {@link #schedule}, for a caller that blocks until {@code outputs} are available anyway: when the
     * work is one run of nodes on one stream with nothing queued or running (the usual case of eager code,
     * which evaluates after every few ops) and the caller is not a stream's thread, the caller runs that
     * work itself, in the stream's order, instead of handing it to the stream's thread and waiting to be
     * woken (which costs more than a small kernel). Otherwise the work is queued as by {@link #schedule}.
     * {@code -Dmlx4j.eval.inline=false} always hands the work to the stream's thread.
     */
    public static CompletableFuture<Void> evaluate(List<Node> outputs) {
        Scheduled s = schedule(outputs, INLINE_EVAL && StreamExecutor.current() == null);
        if (s.claimed != null) {
            try {
                run(s.batch, s.batchDone);
            } finally {
                s.claimed.release();
            }
            // the caller blocked for this work, as it would have waiting for the stream's thread: one
            // spin-wait hint keeps it a blocking call for blocking-call detectors (BlockHound)
            Thread.onSpinWait();
        }
        return s.result;
    }

    /**
     * What {@link #schedule(List, boolean)} did: the outputs' future and, when the caller claimed the
     * stream to run the work itself, that stream's executor and the batch to run.
     */
    private record Scheduled(CompletableFuture<Void> result, StreamExecutor claimed, Node[] batch,
                             CompletableFuture<Void> batchDone) {}

    private static Scheduled schedule(List<Node> outputs, boolean claimIfIdle) {
        List<Node> plan = plan(outputs); // the graph walk, without the lock
        List<CompletableFuture<Void>> waits = new ArrayList<>(2);
        Scheduled claimed;
        LOCK.lock();
        try {
            int m = ++mark;
            List<Node> tape = new ArrayList<>(plan.size());
            for (Node out : outputs) out.requested = true;
            if (stillUnscheduled(plan)) commit(plan, m, tape);
            // outputs the plan does not cover (all of them when another eval claimed part of the plan first)
            for (Node out : outputs) {
                boolean visit;
                synchronized (out) {
                    visit = claim(out, m);
                }
                if (visit) walk(out, m, tape);
            }
            claimed = claimIfIdle ? claimForCaller(tape) : null;
            if (claimed == null) queue(tape);
            for (Node out : outputs) {
                CompletableFuture<Void> d = out.done;
                if (out.status != Node.Status.AVAILABLE && d != null && !waits.contains(d)) waits.add(d);
            }
        } finally {
            LOCK.unlock();
        }
        CompletableFuture<Void> result = completion(outputs, waits, !claimIfIdle);
        return claimed == null ? new Scheduled(result, null, null, null)
                : new Scheduled(result, claimed.claimed, claimed.batch, claimed.batchDone);
    }

    /**
     * Claims the tape's stream for the calling thread when the whole tape runs on that one stream and the
     * stream is idle; the tape's nodes then wait on a future the caller completes. Caller holds the lock,
     * so a tape queued after this one on the same stream runs after the caller's.
     */
    private static Scheduled claimForCaller(List<Node> tape) {
        if (tape.isEmpty()) return null;
        Stream stream = tape.get(0).stream;
        for (int i = 1; i < tape.size(); i++) if (tape.get(i).stream != stream) return null;
        StreamExecutor executor = Handles.queue(stream);
        if (!executor.tryClaim()) return null;
        Node[] batch = tape.toArray(new Node[0]);
        CompletableFuture<Void> done = new ClaimedRun(executor);
        for (Node n : batch) for (Node s : n.outputs()) s.done = done;
        return new Scheduled(null, executor, batch, done);
    }

    /**
     * The completion of work that a blocking caller runs itself (see {@link #evaluate}). An asynchronous
     * evaluation that waits for it completes on the stream's thread all the same, not on that caller's.
     */
    private static final class ClaimedRun extends CompletableFuture<Void> {
        final StreamExecutor stream;

        ClaimedRun(StreamExecutor stream) { this.stream = stream; }
    }

    /**
     * The unscheduled part of the graph behind {@code outputs}, inputs before their consumers, read
     * without the lock: only a claim (made under the lock) takes a node out of UNSCHEDULED, so if every
     * planned node is still unscheduled once the lock is held, the plan is exactly what a walk under the
     * lock would find, and committing it needs no walk.
     */
    private static List<Node> plan(List<Node> outputs) {
        List<Node> order = new ArrayList<>();
        // small to start with: eager code plans one or two nodes per eval
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>(4));
        Predicate<Node> unscheduled = n -> n.status == Node.Status.UNSCHEDULED && seen.add(n);
        for (Node out : outputs) if (unscheduled.test(out)) postOrder(out, unscheduled, order);
        return order;
    }

    private static boolean stillUnscheduled(List<Node> plan) {
        for (Node n : plan) if (n.status != Node.Status.UNSCHEDULED) return false;
        return true;
    }

    /**
     * Claims the planned nodes in order and counts their input edges, as {@link #walk} would. An input that
     * was computed when the plan was made but has been given back since is unscheduled again: it is walked
     * from here, so that it is computed before its consumer. Caller holds the lock.
     */
    private static void commit(List<Node> plan, int m, List<Node> tape) {
        for (Node n : plan) {
            synchronized (n) {
                if (!claim(n, m)) continue; // a sibling of a node claimed already
            }
            for (Node in : n.inputs()) {
                boolean visit;
                synchronized (in) {
                    in.consumers++;
                    visit = claim(in, m);
                }
                if (visit) walk(in, m, tape);
            }
            tape.add(n);
        }
    }

    /**
     * The stream run by {@code executor} when some node that {@code outputs} still need (not yet computed,
     * scheduled or not) runs on it, else null: a thread waiting for such outputs on that stream's own thread
     * would wait for itself. Reads the graph without the lock; a node completing meanwhile only makes the
     * answer safer.
     */
    public static Stream pendingStreamOf(List<Node> outputs, StreamExecutor executor) {
        ArrayDeque<Node> todo = new ArrayDeque<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node out : outputs) if (seen.add(out)) todo.push(out);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (n.status == Node.Status.AVAILABLE) continue;
            if (Handles.queue(n.stream) == executor) return n.stream;
            for (Node in : n.inputs()) if (seen.add(in)) todo.push(in);
        }
        return null;
    }

    /** Claims an unscheduled node (and its siblings) for the tape being built. Caller holds the node's monitor. */
    private static boolean claim(Node n, int m) {
        if (n.status != Node.Status.UNSCHEDULED || n.visitMark == m) return false;
        for (Node s : n.outputs()) {
            s.visitMark = m;
            s.status = Node.Status.SCHEDULED;
            s.error = null;
        }
        return true;
    }

    /** Post-order walk from the claimed {@code root}, claiming its unscheduled inputs onto {@code tape}. */
    private static void walk(Node root, int m, List<Node> tape) {
        postOrder(root, in -> {
            synchronized (in) {
                in.consumers++;
                return claim(in, m);
            }
        }, tape);
    }

    /**
     * Appends to {@code out} the nodes below {@code root} that {@code enter} admits ({@code enter} is asked
     * once per input edge, and descended into when it says yes), then {@code root}: inputs before their
     * consumers. Iterative (an explicit stack), so chains of any length work.
     */
    private static void postOrder(Node root, Predicate<Node> enter, List<Node> out) {
        Node[] stack = new Node[16];
        int[] next = new int[16];
        int top = 0;
        stack[0] = root;
        next[0] = 0;
        while (top >= 0) {
            Node node = stack[top];
            Node[] inputs = node.inputs();
            if (next[top] < inputs.length) {
                Node in = inputs[next[top]++];
                if (enter.test(in)) {
                    if (++top == stack.length) {
                        stack = Arrays.copyOf(stack, top * 2);
                        next = Arrays.copyOf(next, top * 2);
                    }
                    stack[top] = in;
                    next[top] = 0;
                }
            } else {
                out.add(node);
                top--;
            }
        }
    }

    /** Queues the tape as one task per run of consecutive nodes on the same stream. */
    private static void queue(List<Node> tape) {
        int start = 0;
        while (start < tape.size()) {
            Stream stream = tape.get(start).stream;
            int end = start + 1;
            while (end < tape.size() && tape.get(end).stream == stream) end++;
            Node[] batch = tape.subList(start, end).toArray(new Node[0]);
            CompletableFuture<Void> done = new CompletableFuture<>();
            for (Node n : batch) for (Node s : n.outputs()) s.done = done;
            Handles.queue(stream).execute(() -> run(batch, done));
            start = end;
        }
    }

    /**
     * The outputs' future: completed once every wait is. An asynchronous evaluation ({@code onStreamThread})
     * that waits for work a blocking caller runs itself completes from that stream's thread, as it would had
     * the stream's thread run the work.
     */
    private static CompletableFuture<Void> completion(List<Node> outputs, List<CompletableFuture<Void>> waits,
                                                      boolean onStreamThread) {
        if (waits.isEmpty()) return settled(outputs, new CompletableFuture<>());
        CompletableFuture<Void> all = waits.size() == 1
                ? waits.get(0)
                : CompletableFuture.allOf(waits.toArray(new CompletableFuture[0]));
        CompletableFuture<Void> result = new CompletableFuture<>();
        StreamExecutor hop = null;
        if (onStreamThread) for (CompletableFuture<Void> w : waits) if (w instanceof ClaimedRun c) hop = c.stream;
        if (hop == null) all.whenComplete((v, t) -> settled(outputs, result));
        else all.whenCompleteAsync((v, t) -> settled(outputs, result), hop);
        return result;
    }

    private static CompletableFuture<Void> settled(List<Node> outputs, CompletableFuture<Void> result) {
        for (Node out : outputs) {
            if (out.error != null) {
                result.completeExceptionally(out.error);
                return result;
            }
        }
        result.complete(null);
        return result;
    }

    /** Runs one batch on its stream's thread. Never throws: failures are recorded on the nodes. */
    private static void run(Node[] batch, CompletableFuture<Void> done) {
        for (Node node : batch) {
            try {
                compute(node);
            } catch (Throwable t) {
                for (Node s : node.outputs()) s.fail(t);
            }
            for (Node in : node.inputs()) consumed(in);
            if (RETAIN_GRAPH.get() == 0) {
                for (Node s : node.outputs()) if (s.requested && s.error == null) s.detach();
            }
        }
        done.complete(null);
    }

    private static void compute(Node node) {
        Node[] inputs = node.inputs();
        for (Node in : inputs) {
            if (in.stream != node.stream) {
                CompletableFuture<Void> d = in.done;
                if (d != null && !d.isDone()) d.join(); // produced on another stream: wait for its event
            }
            if (in.error != null) {
                for (Node s : node.outputs()) s.fail(in.error);
                return;
            }
            if (in.data() == null) {
                throw new IllegalStateException(node + ": input " + in + " was closed before it was used");
            }
        }
        Data[] results = Backends.forDevice(node.stream.device()).eval(node);
        COMPUTED.incrementAndGet();
        Node[] outs = node.outputs();
        for (int i = 0; i < outs.length; i++) {
            Node s = outs[i];
            synchronized (s) {
                if (s.data() == null) s.setData(results[i]);
                else results[i].buffer().release(); // recomputed for a sibling: keep what readers hold
                s.markAvailable();
            }
        }
    }

    /**
     * One consumer of {@code in} has run: give back an intermediate nobody will read again. Only arrays
     * made from user data (no primitive) and requested outputs keep their buffers; generated values with
     * no inputs ({@code full}, {@code arange}, ...) are intermediates like any other, recomputed if read.
     */
    private static void consumed(Node in) {
        synchronized (in) {
            if (--in.consumers > 0 || in.requested || in.primitive() == null) return;
            if (in.status != Node.Status.AVAILABLE || in.error != null) return;
            in.releaseData();
            in.markReleased();
        }
    }

    /**
     * Hands {@code n}'s buffer to an element-wise output computed from it right now, when nothing else
     * can read it: {@code n} is an unrequested intermediate whose only pending consumer is the caller
     * and whose buffer no view shares. The buffer reference moves to the caller and {@code n} returns to
     * UNSCHEDULED (a later read recomputes it). Returns null when the buffer cannot be donated.
     */
    public static org.mlx4j.core.memory.Buffer donate(Node n) {
        synchronized (n) {
            Data d = n.data();
            if (n.consumers != 1 || n.requested || n.primitive() == null || n.status != Node.Status.AVAILABLE
                    || d == null || d.offset() != 0 || !d.buffer().isUnique() || !d.isRowContiguous(n.shape)) {
                return null;
            }
            n.takeData();
            n.markReleased();
            return d.buffer();
        }
    }
}
