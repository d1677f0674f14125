package org.mlx4j.bench.peers;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ONNX Runtime (CPU execution provider): each workload is an ONNX model built in code by {@link OnnxModels},
 * run by an {@link OrtSession} with its inputs already in native tensors.
 */
public final class OnnxRuntimePeer implements PeerBackend {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final int threads;

    OnnxRuntimePeer(int threads) {
        this.threads = threads;
    }

    public static void main(String[] args) {
        PeerHarness.Options options = PeerHarness.Options.parse(args);
        System.exit(PeerHarness.run(options, new OnnxRuntimePeer(options.threads())));
    }

    @Override
    public String name() {
        return "onnxruntime";
    }

    @Override
    public String version() {
        return env.getVersion();
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public Workload matmul(int n, float[] a, float[] b) throws OrtException {
        return new SessionWorkload(OnnxModels.matmul(n), new long[] {n, n}, List.of("A", "B"), List.of(a, b));
    }

    @Override
    public Workload add(float[] a, float[] b) throws OrtException {
        return new SessionWorkload(OnnxModels.add(a.length), new long[] {a.length}, List.of("A", "B"), List.of(a, b));
    }

    @Override
    public Workload expMulAdd(float[] a, float[] b, float[] c) throws OrtException {
        return new SessionWorkload(OnnxModels.expMulAdd(a.length), new long[] {a.length}, List.of("A", "B", "C"),
                List.of(a, b, c));
    }

    private final class SessionWorkload implements Workload {
        private final OrtSession session;
        private final Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        private OrtSession.Result last;

        SessionWorkload(byte[] model, long[] shape, List<String> names, List<float[]> data) throws OrtException {
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                session = env.createSession(model, options);
            }
            for (int i = 0; i < names.size(); i++) {
                inputs.put(names.get(i), OnnxTensor.createTensor(env, FloatBuffer.wrap(data.get(i)), shape));
            }
        }

        @Override
        public void run() throws OrtException {
            if (last != null) {
                last.close();
            }
            last = session.run(inputs);
        }

        @Override
        public float[] read(long[] flatIndices) throws OrtException {
            FloatBuffer out = ((OnnxTensor) last.get(0)).getFloatBuffer();
            float[] values = new float[flatIndices.length];
            for (int s = 0; s < flatIndices.length; s++) {
                values[s] = out.get(Math.toIntExact(flatIndices[s]));
            }
            return values;
        }

        @Override
        public void close() throws OrtException {
            if (last != null) {
                last.close();
            }
            inputs.values().forEach(OnnxTensor::close);
            session.close();
        }
    }
}
