package org.mlx4j.lm.embed;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * Rebuilds a {@link BertModel} from a BERT encoder exported to ONNX by PyTorch: named initializers keep their
 * transformers names, and the anonymous {@code MatMul} weights ({@code onnx::MatMul_798}) are named by their node
 * ({@code /encoder/layer.0/intermediate/dense/MatMul} gives {@code encoder.layer.0.intermediate.dense.weight}),
 * transposed from ONNX's {@code [in, out]} to {@code Linear}'s {@code [out, in]}. The configuration comes from the
 * weights' shapes, the head count from the constant shape of the first layer's attention reshape, the LayerNorm
 * epsilon from its constant and the activation from the operators ({@code Erf}: exact GELU).
 */
final class OnnxBertImport {
    private static final Pattern LAYER = Pattern.compile("^encoder\\.layer\\.(\\d+)\\.");
    private static final String ATTENTION = "/encoder/layer.0/attention/self/";

    private final OnnxModel onnx;
    private final Map<String, OnnxNode> producers = new HashMap<>();

    private OnnxBertImport(OnnxModel onnx) {
        this.onnx = onnx;
        for (OnnxNode n : onnx.nodes()) for (String out : n.outputs()) producers.put(out, n);
    }

    /** The model, with its weights loaded. */
    static BertModel load(OnnxModel onnx) {
        OnnxBertImport in = new OnnxBertImport(onnx);
        Map<String, Array> weights = in.weights();
        BertModel model = new BertModel(in.config(weights));
        return model.loadHuggingFaceWeights(weights);
    }

    private Map<String, Array> weights() {
        Map<String, Array> out = new LinkedHashMap<>();
        Map<String, Array> init = onnx.initializers();
        for (Map.Entry<String, Array> e : init.entrySet()) {
            if (e.getKey().startsWith("embeddings.") || e.getKey().startsWith("encoder.")) out.put(e.getKey(), e.getValue());
        }
        for (OnnxNode n : onnx.nodes()) {
            if (!n.opType().equals("MatMul") || n.inputs().size() != 2 || !init.containsKey(n.inputs().get(1))) continue;
            String path = n.name().startsWith("/") ? n.name().substring(1) : n.name();
            int cut = path.lastIndexOf('/');
            if (cut < 0) continue;
            String module = path.substring(0, cut).replace('/', '.');
            out.put(module + ".weight", Mx.transpose(init.get(n.inputs().get(1))));
        }
        return out;
    }

    private BertConfig config(Map<String, Array> w) {
        Array words = need(w, "embeddings.word_embeddings.weight");
        int hidden = words.shape(1);
        TreeSet<Integer> layers = new TreeSet<>();
        for (String name : w.keySet()) {
            Matcher m = LAYER.matcher(name);
            if (m.find()) layers.add(Integer.parseInt(m.group(1)));
        }
        if (layers.isEmpty()) throw new IllegalArgumentException("ONNX: no encoder.layer.N weights; not a BERT encoder export");
        return new BertConfig(words.shape(0), hidden, layers.last() + 1, heads(hidden),
                need(w, "encoder.layer.0.intermediate.dense.bias").shape(0),
                need(w, "embeddings.position_embeddings.weight").shape(0),
                need(w, "embeddings.token_type_embeddings.weight").shape(0), layerNormEps(), activation());
    }

    private static Array need(Map<String, Array> w, String name) {
        Array a = w.get(name);
        if (a == null) throw new IllegalArgumentException("ONNX: no initializer for " + name + "; not a BERT encoder export");
        return a;
    }

    /** From the {@code Concat} building the {@code [B, L, heads, headDim]} shape of layer 0's attention reshape. */
    private int heads(int hidden) {
        for (OnnxNode n : onnx.nodes()) {
            if (!n.opType().equals("Concat") || !n.name().startsWith(ATTENTION) || n.inputs().size() != 4) continue;
            Long heads = constant(n.inputs().get(2));
            Long headDim = constant(n.inputs().get(3));
            if (heads != null && headDim != null && heads * headDim == hidden) return Math.toIntExact(heads);
        }
        throw new IllegalArgumentException("ONNX: cannot find the attention head count (no [B, L, heads, head_dim] "
                + "shape under " + ATTENTION + ")");
    }

    /** The constant added to the variance in the embeddings' LayerNorm ({@code ReduceMean -> Add(eps) -> Sqrt}). */
    private double layerNormEps() {
        for (OnnxNode n : onnx.nodes()) {
            if (!n.opType().equals("Add") || !n.name().startsWith("/embeddings/LayerNorm/") || n.inputs().size() != 2) continue;
            OnnxNode from = producers.get(n.inputs().get(0));
            OnnxNode c = producers.get(n.inputs().get(1));
            if (from != null && from.opType().equals("ReduceMean") && c != null && c.opType().equals("Constant")) {
                return c.tensors().get("value").doubleValue();
            }
        }
        return 1e-12;
    }

    private String activation() {
        List<OnnxNode> nodes = onnx.nodes();
        if (nodes.stream().anyMatch(n -> n.opType().equals("Erf"))) return "gelu";
        if (nodes.stream().anyMatch(n -> n.opType().equals("Tanh"))) return "gelu_new";
        return "relu";
    }

    private Long constant(String value) {
        OnnxNode n = producers.get(value);
        Array a = n != null && n.opType().equals("Constant") ? n.tensors().get("value") : onnx.initializers().get(value);
        if (a == null || a.size() != 1 || !a.dtype().isInteger()) return null;
        return a.longValue();
    }
}
