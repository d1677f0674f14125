package org.mlx4j.bench.peers;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.function.Function;

/**
 * DJL on the PyTorch engine (libtorch CPU), eager: each run calls the NDArray ops a DJL user would write and
 * closes the previous run's arrays so native memory stays flat. Run with {@code -Dai.djl.offline=true} so
 * the native library comes from the pytorch-native-cpu jar on the classpath, never from the network.
 */
public final class DjlPytorchPeer implements PeerBackend {

    private final int threads;
    private final NDManager manager;

    DjlPytorchPeer(int threads) {
        this.threads = threads;
        // Read by the PyTorch engine when it starts (at.set_num_threads / set_num_interop_threads).
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        this.manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    }

    public static void main(String[] args) throws Exception {
        PeerHarness.Options options = PeerHarness.Options.parse(args);
        int code;
        try (DjlPytorchPeer peer = new DjlPytorchPeer(options.threads())) {
            code = PeerHarness.run(options, peer);
        }
        System.exit(code);
    }

    @Override
    public String name() {
        return "djl-pytorch";
    }

    @Override
    public String version() {
        return "djl " + Engine.getDjlVersion() + ", libtorch " + Engine.getEngine("PyTorch").getVersion();
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public Workload matmul(int n, float[] a, float[] b) {
        Shape shape = new Shape(n, n);
        return new EagerWorkload(List.of(manager.create(a, shape), manager.create(b, shape)),
                in -> in.get(0).matMul(in.get(1)));
    }

    @Override
    public Workload add(float[] a, float[] b) {
        Shape shape = new Shape(a.length);
        return new EagerWorkload(List.of(manager.create(a, shape), manager.create(b, shape)),
                in -> in.get(0).add(in.get(1)));
    }

    @Override
    public Workload expMulAdd(float[] a, float[] b, float[] c) {
        Shape shape = new Shape(a.length);
        return new EagerWorkload(
                List.of(manager.create(a, shape), manager.create(b, shape), manager.create(c, shape)),
                in -> {
                    try (NDArray ab = in.get(0).mul(in.get(1)); NDArray abc = ab.add(in.get(2))) {
                        return abc.exp();
                    }
                });
    }

    @Override
    public void close() {
        manager.close();
    }

    private static final class EagerWorkload implements Workload {
        private final List<NDArray> inputs;
        private final Function<List<NDArray>, NDArray> body;
        private NDArray last;

        EagerWorkload(List<NDArray> inputs, Function<List<NDArray>, NDArray> body) {
            this.inputs = inputs;
            this.body = body;
        }

        @Override
        public void run() {
            if (last != null) {
                last.close();
            }
            last = body.apply(inputs);
        }

        @Override
        public float[] read(long[] flatIndices) {
            float[] all = last.toFloatArray();
            float[] values = new float[flatIndices.length];
            for (int s = 0; s < flatIndices.length; s++) {
                values[s] = all[Math.toIntExact(flatIndices[s])];
            }
            return values;
        }

        @Override
        public void close() {
            if (last != null) {
                last.close();
            }
            inputs.forEach(NDArray::close);
        }
    }
}
