package org.mlx4j.bench.peers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Runs the comparison workloads against one {@link PeerBackend} and prints one JSON line per workload on
 * stdout, in the same format as {@code bench/scripts/numpy_bench.py}. Progress and errors go to stderr.
 *
 * <p>Arguments: {@code --warmup W} (default 3), {@code --repeats N} (default 10), {@code --threads T}
 * (default: available processors), {@code --workloads a,b,...} (default: all), {@code --elements E}
 * (elementwise length, default 16M).
 */
public final class PeerHarness {

    public static final String MATMUL_1024 = "matmul_1024";
    public static final String MATMUL_2048 = "matmul_2048";
    public static final String ADD = "add_16m";
    public static final String EXP_MUL_ADD = "exp_mul_add_16m";
    public static final List<String> ALL = List.of(MATMUL_1024, MATMUL_2048, ADD, EXP_MUL_ADD);

    /** Parsed command line. */
    public record Options(int warmup, int repeats, int threads, Set<String> workloads, int elements) {

        public static Options parse(String[] args) {
            int warmup = 3;
            int repeats = 10;
            int threads = Runtime.getRuntime().availableProcessors();
            int elements = 1 << 24;
            Set<String> workloads = new LinkedHashSet<>(ALL);
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--warmup" -> warmup = Integer.parseInt(required(args[i], value));
                    case "--repeats" -> repeats = Integer.parseInt(required(args[i], value));
                    case "--threads" -> threads = Integer.parseInt(required(args[i], value));
                    case "--elements" -> elements = Integer.parseInt(required(args[i], value));
                    case "--workloads" -> {
                        workloads = new LinkedHashSet<>(Arrays.asList(required(args[i], value).split(",")));
                        for (String w : workloads) {
                            if (!ALL.contains(w)) {
                                throw new IllegalArgumentException("unknown workload '" + w + "', expected one of " + ALL);
                            }
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                            + "'; expected --warmup, --repeats, --threads, --elements or --workloads");
                }
                i++;
            }
            if (warmup < 0 || repeats < 1 || threads < 1 || elements < 1) {
                throw new IllegalArgumentException("need warmup >= 0, repeats >= 1, threads >= 1, elements >= 1; got "
                        + warmup + ", " + repeats + ", " + threads + ", " + elements);
            }
            return new Options(warmup, repeats, threads, workloads, elements);
        }

        private static String required(String flag, String value) {
            if (value == null) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return value;
        }
    }

    private PeerHarness() {
    }

    /** Runs every selected workload; returns the process exit code (non-zero if any workload failed). */
    public static int run(Options options, PeerBackend backend) {
        int failures = 0;
        for (String workload : options.workloads()) {
            try {
                System.out.println(runOne(options, backend, workload));
                System.out.flush();
            } catch (Throwable e) {
                failures++;
                System.err.println(backend.name() + " " + workload + " failed: " + e);
                e.printStackTrace();
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static String runOne(Options options, PeerBackend backend, String workload) throws Exception {
        Random random = new Random(workload.hashCode());
        Map<String, Object> extra = new LinkedHashMap<>();
        double[] samples;
        switch (workload) {
            case MATMUL_1024, MATMUL_2048 -> {
                int n = workload.equals(MATMUL_1024) ? 1024 : 2048;
                float[] a = uniform(random, n * n);
                float[] b = uniform(random, n * n);
                try (var w = backend.matmul(n, a, b)) {
                    samples = time(options, w);
                    checkMatmul(workload, n, a, b, w, random);
                }
                extra.put("gflops", 2.0 * n * n * n / (median(samples) * 1e-3) / 1e9);
            }
            case ADD -> {
                float[] a = uniform(random, options.elements());
                float[] b = uniform(random, options.elements());
                try (var w = backend.add(a, b)) {
                    samples = time(options, w);
                    checkElementwise(workload, w, random, a.length, i -> (double) a[i] + b[i]);
                }
                extra.put("gbps", 3.0 * Float.BYTES * a.length / (median(samples) * 1e-3) / 1e9);
            }
            case EXP_MUL_ADD -> {
                float[] a = uniform(random, options.elements());
                float[] b = uniform(random, options.elements());
                float[] c = uniform(random, options.elements());
                try (var w = backend.expMulAdd(a, b, c)) {
                    samples = time(options, w);
                    checkElementwise(workload, w, random, a.length, i -> Math.exp((double) a[i] * b[i] + c[i]));
                }
                extra.put("gbps", 4.0 * Float.BYTES * a.length / (median(samples) * 1e-3) / 1e9);
            }
            default -> throw new IllegalArgumentException("unknown workload " + workload);
        }
        return json(backend, workload, options, samples, extra);
    }

    /** Milliseconds per run: {@code warmup} untimed runs, then {@code repeats} timed ones. */
    static double[] time(Options options, PeerBackend.Workload w) throws Exception {
        for (int i = 0; i < options.warmup(); i++) {
            w.run();
        }
        double[] samples = new double[options.repeats()];
        for (int i = 0; i < samples.length; i++) {
            long t0 = System.nanoTime();
            w.run();
            samples[i] = (System.nanoTime() - t0) / 1e6;
        }
        return samples;
    }

    public static double median(double[] samples) {
        double[] s = samples.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** Uniform floats in [-1, 1): never all zeros, and exp(a*b+c) stays well inside float range. */
    public static float[] uniform(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextFloat() * 2f - 1f;
        }
        return x;
    }

    private static void checkMatmul(String workload, int n, float[] a, float[] b, PeerBackend.Workload w,
                                    Random random) throws Exception {
        int samples = 16;
        long[] idx = new long[samples];
        double[] expected = new double[samples];
        for (int s = 0; s < samples; s++) {
            int i = random.nextInt(n);
            int j = random.nextInt(n);
            idx[s] = (long) i * n + j;
            double acc = 0;
            for (int k = 0; k < n; k++) {
                acc += (double) a[i * n + k] * b[k * n + j];
            }
            expected[s] = acc;
        }
        // float32 accumulation over n terms of magnitude <= 1.
        compare(workload, idx, expected, w.read(idx), 2e-5 * n);
    }

    private static void checkElementwise(String workload, PeerBackend.Workload w, Random random, int length,
                                         java.util.function.IntToDoubleFunction reference) throws Exception {
        int samples = 1000;
        long[] idx = new long[samples];
        double[] expected = new double[samples];
        for (int s = 0; s < samples; s++) {
            // First and last elements too: they catch tail handling bugs.
            int i = s == 0 ? 0 : s == 1 ? length - 1 : random.nextInt(length);
            idx[s] = i;
            expected[s] = reference.applyAsDouble(i);
        }
        compare(workload, idx, expected, w.read(idx), 0);
    }

    private static void compare(String workload, long[] idx, double[] expected, float[] actual, double absTol) {
        List<String> bad = new ArrayList<>();
        for (int s = 0; s < idx.length; s++) {
            double tol = absTol + 1e-5 * Math.abs(expected[s]);
            if (!(Math.abs(actual[s] - expected[s]) <= tol)) {
                bad.add("[" + idx[s] + "] expected " + expected[s] + " got " + actual[s]);
            }
        }
        if (!bad.isEmpty()) {
            throw new AssertionError(workload + ": " + bad.size() + " of " + idx.length + " checked elements wrong, e.g. "
                    + bad.subList(0, Math.min(3, bad.size())));
        }
    }

    private static String json(PeerBackend backend, String workload, Options options, double[] samples,
                               Map<String, Object> extra) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("impl", backend.name());
        fields.put("version", backend.version());
        fields.put("workload", workload);
        fields.put("median_ms", median(samples));
        fields.put("min_ms", Arrays.stream(samples).min().orElseThrow());
        fields.put("repeats", samples.length);
        fields.put("warmup", options.warmup());
        fields.put("threads", backend.threads());
        fields.putAll(extra);
        fields.put("java", Runtime.version().toString());
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append('"').append(k).append("\": ");
            if (v instanceof Double d) {
                sb.append(String.format(Locale.ROOT, "%.4f", d));
            } else if (v instanceof Number) {
                sb.append(v);
            } else {
                sb.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        });
        return sb.append('}').toString();
    }
}
