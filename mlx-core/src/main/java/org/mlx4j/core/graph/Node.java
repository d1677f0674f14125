package org.mlx4j.core.graph;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.mlx4j.core.DType;
import org.mlx4j.core.Stream;
import org.mlx4j.core.primitives.Primitive;

/**
 * A vertex of the lazy graph: shape, dtype, the primitive that produces it, its inputs (and siblings
 * for multi-output primitives), the stream it runs on, and, once computed, its data.
 *
 * <p>Status moves UNSCHEDULED -> SCHEDULED -> AVAILABLE. An evaluated output is detached from its
 * inputs so graphs do not grow without bound; an intermediate whose last consumer has run gives its
 * buffer back and returns to UNSCHEDULED, keeping its inputs, so that reading it later recomputes it.
 */
public final class Node {
    public enum Status { UNSCHEDULED, SCHEDULED, AVAILABLE }

    private static final Node[] NONE = new Node[0];
    private static final AtomicLong IDS = new AtomicLong();

    public final long id = IDS.incrementAndGet();
    public final int[] shape;
    public final DType dtype;
    public final Stream stream;
    private Primitive primitive;
    private Node[] inputs;
    private Node[] siblings; // all outputs of the primitive including this one, or null
    private Node[] self; // {this}, made once: outputs() of a single-output node is asked on every eval
    private final DataCell cell = new DataCell();

    // Scheduling state: transitions happen under this node's monitor (see Scheduler).
    volatile Status status;
    volatile CompletableFuture<Void> done;
    volatile Throwable error;
    int consumers;
    volatile boolean requested;
    int visitMark;

    /** A node computed by {@code primitive} from {@code inputs}. */
    public Node(Primitive primitive, Node[] inputs, int[] shape, DType dtype, Stream stream) {
        this.primitive = primitive;
        this.inputs = inputs;
        this.shape = shape;
        this.dtype = dtype;
        this.stream = stream;
        this.status = Status.UNSCHEDULED;
    }

    /** A constant: already computed, holding {@code data} (which brings one buffer reference). */
    public Node(Data data, int[] shape, DType dtype, Stream stream) {
        this.primitive = null;
        this.inputs = NONE;
        this.shape = shape;
        this.dtype = dtype;
        this.stream = stream;
        this.status = Status.AVAILABLE;
        this.requested = true;
        cell.set(this, data);
    }

    /** Makes {@code outputs} siblings of one multi-output primitive. */
    public static void linkSiblings(Node[] outputs) {
        for (Node n : outputs) n.siblings = outputs;
    }

    public Primitive primitive() { return primitive; }

    public Node[] inputs() { return inputs; }

    /** All outputs of this node's primitive, this one included (a one-element array when single). */
    public Node[] outputs() {
        if (siblings != null) return siblings;
        Node[] one = self;
        return one != null ? one : (self = new Node[] {this});
    }

    public boolean hasSiblings() { return siblings != null; }

    public int outputIndex() {
        if (siblings == null) return 0;
        for (int i = 0; i < siblings.length; i++) if (siblings[i] == this) return i;
        throw new IllegalStateException("node not among its siblings");
    }

    public Status status() { return status; }

    public boolean isAvailable() { return status == Status.AVAILABLE; }

    public Throwable error() { return error; }

    public CompletableFuture<Void> done() { return done; }

    public long size() {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    public int ndim() { return shape.length; }

    /** The computed data; null before evaluation or after it was released. */
    public Data data() { return cell.get(); }

    /** Stores computed data (carrying one buffer reference). */
    public void setData(Data d) { cell.set(this, d); }

    /** Removes the data, moving its buffer reference to the caller. */
    public Data takeData() { return cell.take(); }

    /** Gives the buffer back now; returns whether there was data. */
    public boolean releaseData() { return cell.release(); }

    /** Forgets the inputs of an evaluated node so the graph behind it can be collected. */
    public void detach() {
        inputs = NONE;
    }

    /** True for a node with no producer (a constant or a detached, evaluated array). */
    public boolean isLeaf() { return inputs.length == 0; }

    // --- state transitions used by the scheduler (same package) ---

    void markScheduled(CompletableFuture<Void> future) {
        this.done = future;
        this.status = Status.SCHEDULED;
    }

    void markAvailable() { this.status = Status.AVAILABLE; }

    void fail(Throwable t) {
        this.error = t;
        this.status = Status.AVAILABLE;
    }

    /** Back to unscheduled after the intermediate's data was given back. */
    void markReleased() {
        this.status = Status.UNSCHEDULED;
        this.done = null;
    }

    @Override
    public String toString() {
        return (primitive == null ? "Constant" : primitive.name()) + "#" + id;
    }
}
