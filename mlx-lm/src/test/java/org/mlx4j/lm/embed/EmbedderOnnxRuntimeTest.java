package org.mlx4j.lm.embed;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * all-MiniLM-L6-v2 from the langchain4j jar, run by mlx4j (rebuilt from the ONNX initializers) and by ONNX Runtime
 * on the same token ids: 295 real texts (package descriptions, 27 of them truncated at 256 tokens, and non-ASCII
 * sentences; sentences.txt and its generator beside it). The tokenization is checked against Hugging Face
 * tokenizers' ids (tokens.txt, make_tokens.py).
 */
class EmbedderOnnxRuntimeTest {
    private static Embedder embedder;
    private static List<String> texts;
    private static List<int[]> golden;

    @BeforeAll
    static void load() throws IOException {
        embedder = Embedder.load("minilm");
        texts = lines("sentences.txt");
        golden = new ArrayList<>();
        for (String line : lines("tokens.txt")) golden.add(Arrays.stream(line.split(" ")).mapToInt(Integer::parseInt).toArray());
    }

    private static List<String> lines(String name) throws IOException {
        try (InputStream in = EmbedderOnnxRuntimeTest.class.getResourceAsStream("/embed/" + name)) {
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }

    @Test
    void configurationIsReadFromTheOnnxGraph() {
        BertConfig c = embedder.model().config();
        assertThat(c.layerNormEps()).isCloseTo(1e-12, org.assertj.core.data.Offset.offset(1e-18));
        assertThat(new BertConfig(c.vocabSize(), c.hiddenSize(), c.numHiddenLayers(), c.numAttentionHeads(),
                c.intermediateSize(), c.maxPositionEmbeddings(), c.typeVocabSize(), 1e-12, c.hiddenAct()))
                .isEqualTo(new BertConfig(30522, 384, 6, 12, 1536, 512, 2, 1e-12, "gelu"));
        assertThat(embedder.maxLength()).isEqualTo(256);
        assertThat(embedder.pooling()).isEqualTo(Pooling.MEAN);
        assertThat(embedder.normalize()).isTrue();
    }

    @Test
    void tokenizationMatchesHuggingFace() {
        assertThat(texts).hasSize(golden.size());
        long truncated = golden.stream().filter(t -> t.length == 256).count();
        assertThat(truncated).isGreaterThanOrEqualTo(20);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(embedder.tokenize(texts.get(i))).as("text %d: %s", i, texts.get(i)).containsExactly(golden.get(i));
        }
    }

    @Test
    void embeddingsMatchOnnxRuntime() throws Exception {
        float[] ours = embedder.embedAll(golden, 16).toFloatArray();
        double[][] reference = onnxRuntime(golden);
        int dim = embedder.dimension();
        double worst = 1;
        for (int i = 0; i < golden.size(); i++) {
            double dot = 0, a = 0, b = 0;
            for (int d = 0; d < dim; d++) {
                double x = ours[i * dim + d], y = reference[i][d];
                dot += x * y;
                a += x * x;
                b += y * y;
            }
            double cosine = dot / Math.sqrt(a * b);
            worst = Math.min(worst, cosine);
            assertThat(cosine).as("text %d (%d tokens)", i, golden.get(i).length).isGreaterThanOrEqualTo(0.99999);
            assertThat(Math.sqrt(a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
        System.out.println("EmbedderOnnxRuntimeTest: worst cosine " + worst + " over " + golden.size() + " texts");
    }

    @Test
    void batchingAndPaddingDoNotChangeTheVectors() {
        List<int[]> some = golden.subList(100, 140);
        float[] batched = embedder.embedAll(some, 40).toFloatArray();
        float[] single = embedder.embedAll(some, 1).toFloatArray();
        for (int i = 0; i < batched.length; i++) assertThat(batched[i]).isCloseTo(single[i], org.assertj.core.data.Offset.offset(2e-5f));
    }

    /** Mean-pooled, normalised last hidden states from ONNX Runtime, in float64, batches of 16 padded with 0. */
    private static double[][] onnxRuntime(List<int[]> tokens) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        double[][] out = new double[tokens.size()][];
        try (OrtSession session = env.createSession(BundledMiniLm.read(BundledMiniLm.MODEL), new OrtSession.SessionOptions())) {
            for (int start = 0; start < tokens.size(); start += 16) {
                List<int[]> batch = tokens.subList(start, Math.min(tokens.size(), start + 16));
                int n = batch.size(), length = batch.stream().mapToInt(t -> t.length).max().orElseThrow();
                long[] ids = new long[n * length], mask = new long[n * length], types = new long[n * length];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < batch.get(i).length; j++) {
                        ids[i * length + j] = batch.get(i)[j];
                        mask[i * length + j] = 1;
                    }
                }
                long[] shape = {n, length};
                try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                     OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
                     OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
                     OrtSession.Result result = session.run(Map.of("input_ids", a, "attention_mask", m, "token_type_ids", t))) {
                    float[][][] hidden = (float[][][]) result.get(0).getValue();
                    for (int i = 0; i < n; i++) out[start + i] = meanNormalized(hidden[i], batch.get(i).length);
                }
            }
        }
        return out;
    }

    private static double[] meanNormalized(float[][] hidden, int length) {
        double[] v = new double[hidden[0].length];
        for (int j = 0; j < length; j++) for (int d = 0; d < v.length; d++) v[d] += hidden[j][d];
        double norm = 0;
        for (int d = 0; d < v.length; d++) {
            v[d] /= length;
            norm += v[d] * v[d];
        }
        norm = Math.sqrt(norm);
        for (int d = 0; d < v.length; d++) v[d] /= norm;
        return v;
    }
}
