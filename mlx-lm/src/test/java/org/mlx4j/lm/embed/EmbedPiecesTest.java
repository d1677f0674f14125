package org.mlx4j.lm.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.core.io.ArrayIO;
import org.mlx4j.utils.Tree;
import org.assertj.core.data.Offset;

/** Pooling against float64 loops, the ONNX reader on hand-encoded messages, configuration and directory loading. */
class EmbedPiecesTest {
    @Test
    void poolingMatchesFloat64Loops() {
        Random random = new Random(5);
        int b = 3, l = 7, d = 5;
        float[] h = new float[b * l * d];
        for (int i = 0; i < h.length; i++) h[i] = (float) random.nextGaussian();
        int[] lengths = {7, 3, 1};
        int[] mask = new int[b * l];
        for (int i = 0; i < b; i++) for (int j = 0; j < lengths[i]; j++) mask[i * l + j] = 1;
        Array hidden = Mx.array(h, b, l, d), m = Mx.array(mask, b, l);
        float[] mean = Pooling.MEAN.pool(hidden, m).toFloatArray();
        float[] cls = Pooling.CLS.pool(hidden, m).toFloatArray();
        float[] last = Pooling.LAST.pool(hidden, m).toFloatArray();
        float[] normalized = Pooling.normalize(Pooling.MEAN.pool(hidden, m)).toFloatArray();
        for (int i = 0; i < b; i++) {
            double norm = 0;
            double[] expected = new double[d];
            for (int k = 0; k < d; k++) {
                for (int j = 0; j < lengths[i]; j++) expected[k] += h[(i * l + j) * d + k];
                expected[k] /= lengths[i];
                norm += expected[k] * expected[k];
            }
            for (int k = 0; k < d; k++) {
                assertThat((double) mean[i * d + k]).isCloseTo(expected[k], Offset.offset(1e-5));
                assertThat((double) normalized[i * d + k]).isCloseTo(expected[k] / Math.sqrt(norm), Offset.offset(1e-5));
                assertThat(cls[i * d + k]).isEqualTo(h[(i * l) * d + k]);
                assertThat(last[i * d + k]).isEqualTo(h[(i * l + lengths[i] - 1) * d + k]);
            }
        }
        assertThat(Pooling.of("CLS")).isEqualTo(Pooling.CLS);
        assertThatThrownBy(() -> Pooling.of("max")).hasMessageContaining("valid: mean, cls, last");
        assertThatThrownBy(() -> Pooling.MEAN.pool(hidden, Mx.array(new int[] {1, 1}, 1, 2)))
                .hasMessageContaining("Pooling.MEAN").hasMessageContaining("[3, 7, 5]");
    }

    @Test
    void onnxReaderReadsTypedDataNodesAndConstants() {
        // initializer "a": INT64 [3] in int64_data (packed); initializer "b": FLOAT [2] in float_data (packed)
        byte[] a = concat(field(1, varint(3)), field(2, varint(7)), bytesField(7, concat(varint(5), varint(300), varint(2))),
                bytesField(8, "a".getBytes()));
        byte[] b = concat(field(1, varint(2)), field(2, varint(1)), bytesField(4, floats(0.25f, -8f)), bytesField(8, "b".getBytes()));
        byte[] constant = concat(bytesField(1, "value".getBytes()), bytesField(5, concat(field(2, varint(7)),
                bytesField(9, new byte[] {12, 0, 0, 0, 0, 0, 0, 0}))));
        byte[] node = concat(bytesField(1, "a".getBytes()), bytesField(1, "b".getBytes()), bytesField(2, "y".getBytes()),
                bytesField(3, "/x/Constant".getBytes()), bytesField(4, "Constant".getBytes()), bytesField(5, constant));
        byte[] input = bytesField(1, "input_ids".getBytes());
        byte[] graph = concat(bytesField(1, node), bytesField(5, a), bytesField(5, b), bytesField(11, input),
                bytesField(12, bytesField(1, "y".getBytes())));
        OnnxModel model = OnnxModel.read(concat(field(1, varint(8)), bytesField(7, graph)));
        assertThat(model.initializers().get("a").toLongArray()).containsExactly(5, 300, 2);
        assertThat(model.initializers().get("b").toFloatArray()).containsExactly(0.25f, -8f);
        assertThat(model.inputs()).containsExactly("input_ids");
        assertThat(model.outputs()).containsExactly("y");
        OnnxNode n = model.nodes().get(0);
        assertThat(n.opType()).isEqualTo("Constant");
        assertThat(n.inputs()).containsExactly("a", "b");
        assertThat(n.tensors().get("value").longValue()).isEqualTo(12);
    }

    @Test
    void onnxReaderRejectsBadInput() {
        assertThatThrownBy(() -> OnnxModel.read(new byte[] {58, 100, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ONNX: truncated");
        assertThatThrownBy(() -> OnnxModel.read(new byte[] {8, 1})).hasMessageContaining("no graph");
        byte[] external = concat(field(1, varint(1)), field(2, varint(1)), bytesField(8, "w".getBytes()), field(14, varint(1)));
        assertThatThrownBy(() -> OnnxModel.read(bytesField(7, bytesField(5, external))))
                .hasMessageContaining("'w'").hasMessageContaining("external data");
        byte[] badType = concat(field(1, varint(1)), field(2, varint(8)), bytesField(8, "s".getBytes()));
        assertThatThrownBy(() -> OnnxModel.read(bytesField(7, bytesField(5, badType)))).hasMessageContaining("data type 8");
    }

    @Test
    void configParsesDefaultsAndRejectsBadValues() {
        BertConfig c = BertConfig.parse("{\"vocab_size\": 10, \"hidden_size\": 12, \"num_hidden_layers\": 1,"
                + " \"num_attention_heads\": 3, \"intermediate_size\": 7, \"hidden_act\": \"gelu_new\"}");
        assertThat(c).isEqualTo(new BertConfig(10, 12, 1, 3, 7, 512, 2, 1e-12, "gelu_new"));
        assertThatThrownBy(() -> BertConfig.parse("{\"vocab_size\": 10}")).hasMessageContaining("\"hidden_size\"");
        assertThatThrownBy(() -> new BertConfig(10, 12, 1, 5, 7, 512, 2, 1e-12, "gelu")).hasMessageContaining("must divide");
        assertThatThrownBy(() -> new BertConfig(10, 12, 1, 3, 7, 512, 2, 1e-12, "swish")).hasMessageContaining("swish");
    }

    @Test
    void huggingFaceDirectoryLoadsWithPrefixAndUnusedEntries(@TempDir Path dir) throws Exception {
        BertConfig config = new BertConfig(8, 16, 2, 4, 24, 16, 2, 1e-12, "gelu");
        BertModel model = new BertModel(config);
        Map<String, Array> checkpoint = new HashMap<>();
        for (Map.Entry<String, Array> e : Tree.flatten(model).entrySet()) checkpoint.put("bert." + e.getKey(), e.getValue());
        checkpoint.put("bert.pooler.dense.weight", Mx.zeros(16, 16));
        checkpoint.put("cls.predictions.bias", Mx.zeros(8));
        ArrayIO.saveSafetensors(dir.resolve("model.safetensors"), checkpoint);
        Files.writeString(dir.resolve("config.json"), "{\"vocab_size\": 8, \"hidden_size\": 16, \"num_hidden_layers\": 2,"
                + " \"num_attention_heads\": 4, \"intermediate_size\": 24, \"max_position_embeddings\": 16}");
        Files.writeString(dir.resolve("tokenizer.json"), """
            {"model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                       "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "a": 4, "b": 5, "c": 6, "d": 7}},
             "pre_tokenizer": {"type": "BertPreTokenizer"},
             "post_processor": {"type": "BertProcessing", "sep": ["[SEP]", 3], "cls": ["[CLS]", 2]}}""");
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.writeString(dir.resolve("1_Pooling/config.json"), "{\"pooling_mode_cls_token\": true}");
        Files.writeString(dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 6}");
        Files.writeString(dir.resolve("modules.json"), "[{\"type\": \"sentence_transformers.models.Pooling\"}]");
        Embedder embedder = Embedder.load(dir.toString());
        assertThat(embedder.pooling()).isEqualTo(Pooling.CLS);
        assertThat(embedder.normalize()).isFalse();
        assertThat(embedder.maxLength()).isEqualTo(6);
        assertThat(embedder.tokenize("a b c d a b c")).containsExactly(2, 4, 5, 6, 7, 3);
        Array ids = Mx.array(new int[] {2, 4, 5, 3, 2, 6, 3, 0}, 2, 4);
        Array mask = Mx.array(new int[] {1, 1, 1, 1, 1, 1, 1, 0}, 2, 4);
        assertThat(embedder.model().forward(ids, mask).toFloatArray()).containsExactly(model.forward(ids, mask).toFloatArray());
        float[] vectors = embedder.embed(java.util.List.of("a b", "c")).toFloatArray();
        float[] direct = Pooling.CLS.pool(model.forward(ids, mask), mask).toFloatArray();
        for (int i = 0; i < direct.length; i++) assertThat(vectors[i]).isCloseTo(direct[i], Offset.offset(1e-5f));
    }

    @Test
    void forwardRejectsBadShapes() {
        BertModel model = new BertModel(new BertConfig(8, 16, 1, 4, 24, 4, 2, 1e-12, "gelu"));
        assertThatThrownBy(() -> model.forward(Mx.zeros(2, 3), null)).hasMessageContaining("integer [B, L]");
        assertThatThrownBy(() -> model.forward(Mx.array(new int[5], 1, 5), null)).hasMessageContaining("max_position_embeddings 4");
        assertThatThrownBy(() -> model.forward(Mx.array(new int[4], 2, 2), Mx.array(new int[4], 1, 4)))
                .hasMessageContaining("attentionMask");
    }

    private static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    private static byte[] field(int number, byte[] varint) { return concat(varint(number << 3), varint); }

    private static byte[] bytesField(int number, byte[] value) { return concat(varint(number << 3 | 2), varint(value.length), value); }

    private static byte[] floats(float... values) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : values) buf.putFloat(v);
        return buf.array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
