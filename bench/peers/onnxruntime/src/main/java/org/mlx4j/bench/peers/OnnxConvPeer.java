package org.mlx4j.bench.peers;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * ONNX Runtime (CPU execution provider) running one ONNX {@code Conv} per layer shape, NCHW as ONNX defines it,
 * for {@code bench/scripts/compare_conv.py}. Arguments: {@code warmup repeats threads layer...}, each layer
 * {@code name:H:C_in:C_out:K:stride:padding} (batch 8); prints {@code name median_ms min_ms} per layer.
 */
public final class OnnxConvPeer {
    private static final int BATCH = 8;

    private OnnxConvPeer() {}

    public static void main(String[] args) throws Exception {
        int warmup = Integer.parseInt(args[0]), repeats = Integer.parseInt(args[1]), threads = Integer.parseInt(args[2]);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        System.err.println("onnxruntime " + env.getVersion() + ", " + threads + " intra-op threads");
        for (int i = 3; i < args.length; i++) {
            String[] f = args[i].split(":");
            int h = Integer.parseInt(f[1]), cin = Integer.parseInt(f[2]), cout = Integer.parseInt(f[3]), k = Integer.parseInt(f[4]);
            int stride = Integer.parseInt(f[5]), pad = Integer.parseInt(f[6]);
            long[] xShape = {BATCH, cin, h, h}, wShape = {cout, cin, k, k};
            int out = (h + 2 * pad - k) / stride + 1;
            byte[] model = convModel(xShape, wShape, new long[] {BATCH, cout, out, out}, k, stride, pad);
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                float[] xv = random(1, xShape), wv = random(2, wShape);
                try (OrtSession session = env.createSession(model, options);
                     OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(xv), xShape);
                     OnnxTensor w = OnnxTensor.createTensor(env, FloatBuffer.wrap(wv), wShape)) {
                    Map<String, OnnxTensor> inputs = Map.of("X", x, "W", w);
                    try (OrtSession.Result result = session.run(inputs)) {
                        check(f[0], ((OnnxTensor) result.get(0)).getFloatBuffer(), xv, wv, h, cin, cout, k, stride, pad, out);
                    }
                    double[] times = new double[repeats];
                    for (int r = -warmup; r < repeats; r++) {
                        long t0 = System.nanoTime();
                        try (OrtSession.Result result = session.run(inputs)) {
                            if (r >= 0) times[r] = (System.nanoTime() - t0) / 1e6;
                        }
                    }
                    Arrays.sort(times);
                    System.out.printf("%s %.3f %.3f%n", f[0], times[repeats / 2], times[0]);
                }
            }
        }
    }

    /** A few output elements (corners and the middle, first and last image and channel) against float64 sums. */
    private static void check(String name, FloatBuffer y, float[] x, float[] w, int h, int cin, int cout, int k, int stride,
                              int pad, int out) {
        int[][] at = {{0, 0, 0, 0}, {BATCH - 1, cout - 1, out - 1, out - 1}, {BATCH / 2, cout / 2, out / 2, out / 3}};
        for (int[] p : at) {
            double expected = 0;
            for (int c = 0; c < cin; c++) {
                for (int di = 0; di < k; di++) {
                    for (int dj = 0; dj < k; dj++) {
                        int r = p[2] * stride + di - pad, s = p[3] * stride + dj - pad;
                        if (r < 0 || r >= h || s < 0 || s >= h) continue;
                        expected += (double) x[((p[0] * cin + c) * h + r) * h + s] * w[((p[1] * cin + c) * k + di) * k + dj];
                    }
                }
            }
            float got = y.get(((p[0] * cout + p[1]) * out + p[2]) * out + p[3]);
            if (Math.abs(got - expected) > 1e-3 * (1 + Math.abs(expected))) {
                throw new IllegalStateException(name + ": ONNX Runtime gave " + got + " at " + Arrays.toString(p) + ", expected " + expected);
            }
        }
    }

    private static float[] random(long seed, long[] shape) {
        int n = 1;
        for (long d : shape) n *= (int) d;
        float[] v = new float[n];
        Random rng = new Random(seed);
        for (int i = 0; i < n; i++) v[i] = rng.nextFloat() * 2 - 1;
        return v;
    }

    /** {@code Y = Conv(X, W)} with square kernel, strides and symmetric padding. */
    private static byte[] convModel(long[] xShape, long[] wShape, long[] yShape, int k, int stride, int pad) {
        OnnxModels.Proto node = new OnnxModels.Proto().string(1, "X").string(1, "W").string(2, "Y").string(3, "conv_0")
                .string(4, "Conv")
                .message(5, ints("kernel_shape", k, k))
                .message(5, ints("strides", stride, stride))
                .message(5, ints("pads", pad, pad, pad, pad));
        OnnxModels.Proto graph = new OnnxModels.Proto().message(1, node).string(2, "conv")
                .message(11, OnnxModels.valueInfo("X", xShape))
                .message(11, OnnxModels.valueInfo("W", wShape))
                .message(12, OnnxModels.valueInfo("Y", yShape));
        OnnxModels.Proto opset = new OnnxModels.Proto().string(1, "").varint(2, 17);
        return new OnnxModels.Proto().varint(1, 8).string(2, "mlx4j-bench").message(7, graph).message(8, opset).bytes();
    }

    /** AttributeProto{name, type: INTS (7), ints}. */
    private static OnnxModels.Proto ints(String name, long... values) {
        OnnxModels.Proto a = new OnnxModels.Proto().string(1, name).varint(20, 7);
        for (long v : values) a.varint(8, v);
        return a;
    }
}
