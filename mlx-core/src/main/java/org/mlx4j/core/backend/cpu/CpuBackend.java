package org.mlx4j.core.backend.cpu;

import java.lang.foreign.MemorySegment;
import org.mlx4j.core.DType;
import org.mlx4j.core.Device;
import org.mlx4j.core.backend.Backend;
import org.mlx4j.core.graph.BinaryOp;
import org.mlx4j.core.graph.Data;
import org.mlx4j.core.graph.Node;
import org.mlx4j.core.graph.Scheduler;
import org.mlx4j.core.memory.Allocator;
import org.mlx4j.core.memory.Buffer;
import org.mlx4j.core.primitives.*;

/** Evaluates primitives on the CPU: views are pure metadata, everything else calls a kernel. */
public final class CpuBackend implements Backend {

    @Override
    public Device.Type deviceType() { return Device.Type.CPU; }

    @Override
    public boolean isAvailable() { return true; }

    @Override
    public Data[] eval(Node node) {
        Node[] in = node.inputs();
        if (node.primitive() instanceof DivMod) return divmod(node, in);
        if (node.primitive() instanceof CustomVjp c) return passThrough(node, in);
        if (node.primitive() instanceof LinalgFactor f) return LinalgEval.eval(f, node);
        return new Data[] {switch (node.primitive()) {
            case Unary u -> elementwise(node, in, (v, out) -> UnaryKernels.apply(u.op(), v[0], out));
            case Binary b -> elementwise(node, in, (v, out) -> BinaryKernels.apply(b.op(), v[0], v[1], out));
            case Where w -> elementwise(node, in, (v, out) -> WhereKernel.where(v[0], v[1], v[2], out));
            case AsType t -> elementwise(node, in, (v, out) -> CopyKernels.copy(v[0], out));
            case Copy c -> compute(node, out -> CopyKernels.copy(view(in[0]), out));
            case Full f -> compute(node, out -> CopyKernels.fill(out, f.value()));
            case Arange a -> compute(node, out -> CopyKernels.arange(out, a.start(), a.step()));
            case RandomBits r -> compute(node, out -> RandomKernels.bits(view(in[0]), out));
            case Reduce r -> compute(node, out -> ReduceKernels.reduce(r.op(), view(in[0]), r.axes(), out));
            case ArgReduce r -> compute(node, out -> ArgReduceKernels.argReduce(r.isMax(), view(in[0]), r.axis(), out));
            case Softmax s -> compute(node, out -> SoftmaxKernels.softmax(contiguous(in[0]), out));
            case LogSumExp l -> compute(node, out -> SoftmaxKernels.logsumexp(contiguous(in[0]), out));
            case Matmul m -> compute(node, out -> MatmulEval.matmul(view(in[0]), view(in[1]), out));
            case SliceUpdate s -> compute(node, out -> {
                CopyKernels.copy(view(in[0]), out);
                StridedCopy.into(view(in[1]), out, s.start(), s.step());
            });
            case Reshape r -> reshape(node, in[0]);
            case View v -> view(node, in[0]);
            case SearchSorted s -> compute(node, out -> SearchSortedKernel.run(view(in[0]), view(in[1]), out, s.right()));
            case Transpose t -> transpose(in[0], t.axes());
            case BroadcastTo b -> broadcast(in[0], b.shape());
            case Slice s -> slice(in[0], s.start(), s.step());
            case Concatenate c -> compute(node, out -> concatenate(in, c.axis(), out));
            case StopGradient s -> share(in[0], in[0].data().offset(), in[0].data().strides());
            case Scan s -> compute(node, out -> ScanKernels.scan(ScanKernels.Op.valueOf(s.op().name()), view(in[0]),
                    s.axis(), s.reverse(), s.inclusive(), out));
            case Sort s -> compute(node, out -> SortKernels.sort(view(in[0]), s.axis(), out));
            case ArgSort s -> compute(node, out -> SortKernels.argsort(view(in[0]), s.axis(), out));
            case Partition p -> compute(node, out -> {
                if (p.indices()) SortKernels.argpartition(view(in[0]), p.axis(), p.kth(), out);
                else SortKernels.partition(view(in[0]), p.axis(), p.kth(), out);
            });
            case Take t -> compute(node, out -> GatherKernels.take(view(in[0]), view(in[1]), t.axis(), out));
            case TakeAlongAxis t -> compute(node, out -> GatherKernels.takeAlongAxis(view(in[0]), view(in[1]), t.axis(), out));
            case Gather g -> compute(node, out -> GatherKernels.gather(view(in[0]), views(in, 1), g.axes(), g.sliceSizes(), out));
            case Scatter s -> compute(node, out -> {
                CopyKernels.copy(view(in[0]), out);
                ScatterKernels.scatter(ScatterKernels.Mode.valueOf(s.op().name()), views(in, 2), s.axes(), view(in[1]), out);
            });
            case PutAlongAxis p -> compute(node, out -> {
                CopyKernels.copy(view(in[0]), out);
                ScatterKernels.putAlongAxis(ScatterKernels.Mode.valueOf(p.op().name()), view(in[1]), view(in[2]), p.axis(), out);
            });
            case DivMod d -> throw new IllegalStateException("DivMod has two outputs");
            case CustomVjp c -> throw new IllegalStateException("CustomVjp passes its inputs through");
            case Placeholder p -> throw new IllegalStateException(p.message());
            case Compiled c -> elementwise(node, in, (v, out) -> FusedKernels.run(c, v, out));
            // quantization
            case QuantPack p -> compute(node, out -> QuantPacking.pack(contiguous(in[0]), p.bits(), out));
            case QuantUnpack u -> compute(node, out -> QuantPacking.unpack(contiguous(in[0]), u.bits(), out));
            case QuantToFp8 t -> compute(node, out -> QuantFloats.toFp8(contiguous(in[0]), out));
            case QuantMatmul q -> compute(node, out -> QuantMatmulKernels.run(q, contiguous(in[0]), contiguous(in[1]),
                    contiguous(in[2]), q.mode().hasBiases() ? contiguous(in[3]) : null, out));
            // convolutions
            case Convolution c -> compute(node, out -> ConvKernels.conv(view(in[0]), view(in[1]), c, out));
            case Fft f -> compute(node, out -> FftKernels.fft(contiguous(in[0]), f.axes(), f.inverse(), f.real(), out));
            case FastPrimitive f -> compute(node, out -> FastKernels.run(f, fastInputs(f, in), out));
            case LinalgFactor f -> throw new IllegalStateException("LinalgFactor is evaluated by LinalgEval");
        }};
    }

    @FunctionalInterface
    private interface Kernel {
        void run(StridedView out);
    }

    /** An element-wise kernel over views of its inputs, taken before any input buffer is donated. */
    @FunctionalInterface
    private interface ElementwiseKernel {
        void run(StridedView[] inputs, StridedView out);
    }

    static StridedView view(Node n) { return n.data().view(n.shape, n.dtype); }

    private static StridedView[] views(Node[] nodes, int from) {
        StridedView[] v = new StridedView[nodes.length - from];
        for (int i = from; i < nodes.length; i++) v[i - from] = view(nodes[i]);
        return v;
    }

    /** A fresh row-major buffer for {@code node}, filled by {@code kernel}. */
    private static Data compute(Node node, Kernel kernel) {
        Buffer buffer = Allocator.instance().allocate(node.size() * node.dtype.size());
        try {
            kernel.run(StridedView.contiguous(buffer.segment(), node.dtype, node.shape));
        } catch (Throwable t) {
            buffer.release();
            throw t;
        }
        return Data.contiguous(buffer, node.shape);
    }

    /**
     * Like {@link #compute}, but writes into the buffer of an input that nothing else will read
     * (same shape and element size), saving an allocation and keeping the working set small. The inputs'
     * views are taken first, so a donated input is read through its view while the node itself is already
     * given back (UNSCHEDULED, no data): a concurrent eval that needs it again recomputes it into a buffer
     * of its own instead of finding this one.
     */
    private static Data elementwise(Node node, Node[] inputs, ElementwiseKernel kernel) {
        StridedView[] views = views(inputs, 0);
        for (Node in : inputs) {
            if (in.dtype.size() != node.dtype.size() || !java.util.Arrays.equals(in.shape, node.shape)) continue;
            Buffer donated = Scheduler.donate(in);
            if (donated == null) continue;
            try {
                kernel.run(views, StridedView.contiguous(donated.segment(), node.dtype, node.shape));
            } catch (Throwable t) {
                donated.release();
                throw t;
            }
            return Data.contiguous(donated, node.shape);
        }
        return compute(node, out -> kernel.run(views, out));
    }

    /** The input as a row-major contiguous view (copied when it is not one already). */
    private static StridedView contiguous(Node n) {
        StridedView v = view(n);
        if (v.isRowContiguous()) return v;
        MemorySegment tmp = MemorySegment.ofArray(new byte[Math.toIntExact(n.size() * n.dtype.size())]);
        StridedView c = StridedView.contiguous(tmp, n.dtype, n.shape);
        CopyKernels.copy(v, c);
        return c;
    }

    /** A fused fast op's inputs: row-major (copied where they are not) except those its kernel reads strided. */
    private static StridedView[] fastInputs(FastPrimitive f, Node[] in) {
        StridedView[] v = new StridedView[in.length];
        for (int i = 0; i < in.length; i++) v[i] = FastKernels.readsStrided(f, i) ? view(in[i]) : contiguous(in[i]);
        return v;
    }

    private static Data[] divmod(Node node, Node[] in) {
        Node[] outs = node.outputs();
        Data q = compute(outs[0], out -> BinaryKernels.apply(BinaryOp.FLOOR_DIVIDE, view(in[0]), view(in[1]), out));
        Data r = compute(outs[1], out -> BinaryKernels.apply(BinaryOp.REMAINDER, view(in[0]), view(in[1]), out));
        return new Data[] {q, r};
    }

    /** Each output shares the buffer of the matching input. */
    private static Data[] passThrough(Node node, Node[] in) {
        Node[] outs = node.outputs();
        Data[] result = new Data[outs.length];
        for (int i = 0; i < outs.length; i++) result[i] = share(in[i], in[i].data().offset(), in[i].data().strides());
        return result;
    }

    private static void concatenate(Node[] inputs, int axis, StridedView out) {
        int[] start = new int[out.ndim()], step = new int[out.ndim()];
        java.util.Arrays.fill(step, 1);
        for (Node in : inputs) {
            StridedCopy.into(view(in), out, start, step);
            start[axis] += in.shape[axis];
        }
    }

    private static Data share(Node in, long offset, long[] strides) {
        return new Data(in.data().buffer().retain(), offset, strides);
    }

    private static Data reshape(Node node, Node in) {
        Data d = in.data();
        if (d.isRowContiguous(in.shape)) return share(in, d.offset(), StridedView.rowMajorStrides(node.shape));
        // row-major copy in the input's shape; the same bytes are then the reshaped array
        return compute(node, out -> CopyKernels.copy(view(in), StridedView.contiguous(out.segment(), in.dtype, in.shape)));
    }

    /** A bit reinterpretation: shares the input's row-major bytes, or copies them row-major first. */
    private static Data view(Node node, Node in) {
        Data d = in.data();
        long inBytes = in.dtype.size(), outBytes = node.dtype.size();
        if (d.isRowContiguous(in.shape) && (d.offset() * inBytes) % outBytes == 0) {
            return share(in, d.offset() * inBytes / outBytes, StridedView.rowMajorStrides(node.shape));
        }
        return compute(node, out -> CopyKernels.copy(view(in), StridedView.contiguous(out.segment(), in.dtype, in.shape)));
    }

    private static Data transpose(Node in, int[] axes) {
        Data d = in.data();
        long[] strides = new long[axes.length];
        for (int i = 0; i < axes.length; i++) strides[i] = d.strides()[axes[i]];
        return share(in, d.offset(), strides);
    }

    private static Data broadcast(Node in, int[] shape) {
        Data d = in.data();
        int lead = shape.length - in.shape.length;
        long[] strides = new long[shape.length];
        for (int i = lead; i < shape.length; i++) {
            int j = i - lead;
            strides[i] = in.shape[j] == 1 && shape[i] != 1 ? 0 : d.strides()[j];
        }
        return share(in, d.offset(), strides);
    }

    private static Data slice(Node in, int[] start, int[] step) {
        Data d = in.data();
        long offset = d.offset();
        long[] strides = new long[start.length];
        for (int i = 0; i < start.length; i++) {
            offset += start[i] * d.strides()[i];
            strides[i] = d.strides()[i] * step[i];
        }
        return share(in, offset, strides);
    }
}
