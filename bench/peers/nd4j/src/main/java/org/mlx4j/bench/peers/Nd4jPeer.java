package org.mlx4j.bench.peers;

import java.util.List;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ND4J with the native CPU backend (libnd4j, OpenBLAS for GEMM), eager and allocating like NumPy; each run
 * closes the previous run's arrays so off-heap memory stays flat.
 */
public final class Nd4jPeer implements PeerBackend {

    private final int threads;

    Nd4jPeer(int threads) {
        this.threads = threads;
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
    }

    public static void main(String[] args) {
        PeerHarness.Options options = PeerHarness.Options.parse(args);
        System.exit(PeerHarness.run(options, new Nd4jPeer(options.threads())));
    }

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public String version() {
        return "1.0.0-M2.1 (" + Nd4j.getExecutioner().getEnvironmentInformation().getProperty("blas.vendor", "?")
                + ")";
    }

    @Override
    public int threads() {
        return Nd4j.getEnvironment().maxThreads();
    }

    @Override
    public Workload matmul(int n, float[] a, float[] b) {
        long[] shape = {n, n};
        return new EagerWorkload(List.of(create(a, shape), create(b, shape)), in -> in.get(0).mmul(in.get(1)));
    }

    @Override
    public Workload add(float[] a, float[] b) {
        long[] shape = {a.length};
        return new EagerWorkload(List.of(create(a, shape), create(b, shape)), in -> in.get(0).add(in.get(1)));
    }

    @Override
    public Workload expMulAdd(float[] a, float[] b, float[] c) {
        long[] shape = {a.length};
        return new EagerWorkload(List.of(create(a, shape), create(b, shape), create(c, shape)), in -> {
            INDArray ab = in.get(0).mul(in.get(1));
            INDArray abc = ab.add(in.get(2));
            INDArray out = Transforms.exp(abc);
            ab.close();
            abc.close();
            return out;
        });
    }

    private static INDArray create(float[] data, long[] shape) {
        return Nd4j.create(data, shape, DataType.FLOAT);
    }

    private static final class EagerWorkload implements Workload {
        private final List<INDArray> inputs;
        private final Function<List<INDArray>, INDArray> body;
        private INDArray last;

        EagerWorkload(List<INDArray> inputs, Function<List<INDArray>, INDArray> body) {
            this.inputs = inputs;
            this.body = body;
        }

        @Override
        public void run() {
            if (last != null) {
                last.close();
            }
            last = body.apply(inputs);
            Nd4j.getExecutioner().commit();
        }

        @Override
        public float[] read(long[] flatIndices) {
            INDArray flat = last.reshape(last.length());
            float[] values = new float[flatIndices.length];
            for (int s = 0; s < flatIndices.length; s++) {
                values[s] = flat.getFloat(flatIndices[s]);
            }
            return values;
        }

        @Override
        public void close() {
            if (last != null) {
                last.close();
            }
            inputs.forEach(INDArray::close);
        }
    }
}
