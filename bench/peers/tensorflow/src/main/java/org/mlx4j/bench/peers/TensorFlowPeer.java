package org.mlx4j.bench.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow Java: each workload is a graph of placeholders run through a {@link Session} (the fast path
 * TensorFlow users take, as tf.function does), inputs fed as tensors created outside the timed region.
 */
public final class TensorFlowPeer implements PeerBackend {

    private final int threads;

    TensorFlowPeer(int threads) {
        this.threads = threads;
    }

    public static void main(String[] args) {
        PeerHarness.Options options = PeerHarness.Options.parse(args);
        System.exit(PeerHarness.run(options, new TensorFlowPeer(options.threads())));
    }

    @Override
    public String name() {
        return "tensorflow";
    }

    @Override
    public String version() {
        return "java 1.1.0, core " + TensorFlow.version();
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public Workload matmul(int n, float[] a, float[] b) {
        return new GraphWorkload(Shape.of(n, n), List.of(a, b), in -> in.tf.linalg.matMul(in.get(0), in.get(1)));
    }

    @Override
    public Workload add(float[] a, float[] b) {
        return new GraphWorkload(Shape.of(a.length), List.of(a, b), in -> in.tf.math.add(in.get(0), in.get(1)));
    }

    @Override
    public Workload expMulAdd(float[] a, float[] b, float[] c) {
        return new GraphWorkload(Shape.of(a.length), List.of(a, b, c),
                in -> in.tf.math.exp(in.tf.math.add(in.tf.math.mul(in.get(0), in.get(1)), in.get(2))));
    }

    /** Placeholders of one shape, handed to the function that builds the graph's output. */
    private record Inputs(Ops tf, List<Placeholder<TFloat32>> placeholders) {
        Operand<TFloat32> get(int i) {
            return placeholders.get(i);
        }
    }

    private final class GraphWorkload implements Workload {
        private final Graph graph = new Graph();
        private final Session session;
        private final List<Placeholder<TFloat32>> placeholders = new ArrayList<>();
        private final List<TFloat32> tensors = new ArrayList<>();
        private final Operand<TFloat32> output;
        private final Shape shape;
        private Result last;

        GraphWorkload(Shape shape, List<float[]> data, Function<Inputs, Operand<TFloat32>> body) {
            this.shape = shape;
            Ops tf = Ops.create(graph);
            for (float[] d : data) {
                placeholders.add(tf.placeholder(TFloat32.class, Placeholder.shape(shape)));
                tensors.add(TFloat32.tensorOf(shape, DataBuffers.of(d, true, false)));
            }
            output = body.apply(new Inputs(tf, placeholders));
            ConfigProto config = ConfigProto.newBuilder()
                    .setIntraOpParallelismThreads(threads)
                    .setInterOpParallelismThreads(1)
                    .build();
            session = new Session(graph, config);
        }

        @Override
        public void run() {
            if (last != null) {
                last.close();
            }
            Session.Runner runner = session.runner();
            for (int i = 0; i < placeholders.size(); i++) {
                runner.feed(placeholders.get(i), tensors.get(i));
            }
            last = runner.fetch(output).run();
        }

        @Override
        public float[] read(long[] flatIndices) {
            TFloat32 out = (TFloat32) last.get(0);
            long[] dims = shape.asArray();
            float[] values = new float[flatIndices.length];
            for (int s = 0; s < flatIndices.length; s++) {
                long[] coords = new long[dims.length];
                long rest = flatIndices[s];
                for (int d = dims.length - 1; d >= 0; d--) {
                    coords[d] = rest % dims[d];
                    rest /= dims[d];
                }
                values[s] = out.getFloat(coords);
            }
            return values;
        }

        @Override
        public void close() {
            if (last != null) {
                last.close();
            }
            tensors.forEach(TFloat32::close);
            session.close();
            graph.close();
        }
    }
}
