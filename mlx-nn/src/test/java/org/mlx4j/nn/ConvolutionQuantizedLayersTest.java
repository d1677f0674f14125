package org.mlx4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlx4j.nn.Ref.assertClose;
import static org.mlx4j.nn.Ref.f32;
import static org.mlx4j.nn.Ref.uniform;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;
import org.mlx4j.utils.Tree;

class ConvolutionQuantizedLayersTest {

    @Test
    void conv2dLayerMatchesTheDoubleLoopAndHasMlxsParameters() {
        int n = 2, h = 5, w = 4, cin = 3, cout = 4, k = 3;
        Conv2d conv = new Conv2d(cin, cout, k, 1, 1, true);
        Map<String, Array> p = Tree.flatten(conv.parameters());
        assertThat(p.get("weight").shape()).containsExactly(cout, k, k, cin);
        assertThat(p.get("bias").toFloatArray()).containsOnly(0f);
        double[] bias = uniform(100, cout);
        conv.update(Map.of("bias", f32(bias, cout)));
        double[] x = uniform(101, n * h * w * cin), wt = p.get("weight").toDoubleArray();
        double[] expected = new double[n * h * w * cout];
        for (int b = 0; b < n; b++) for (int i = 0; i < h; i++) for (int j = 0; j < w; j++) for (int o = 0; o < cout; o++) {
            double acc = bias[o];
            for (int di = 0; di < k; di++) for (int dj = 0; dj < k; dj++) for (int c = 0; c < cin; c++) {
                int y = i + di - 1, xx = j + dj - 1;
                if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
                acc += x[((b * h + y) * w + xx) * cin + c] * wt[((o * k + di) * k + dj) * cin + c];
            }
            expected[((b * h + i) * w + j) * cout + o] = acc;
        }
        assertClose(conv.forward(f32(x, n, h, w, cin)), expected, new int[] {n, h, w, cout}, DType.FLOAT32, 1e-4);
        assertThatThrownBy(() -> new Conv2d(3, 4, 3, 1, 1, 2, 2, true)).hasMessageContaining("groups");
    }

    @Test
    void everyConvolutionLayerHasItsShapesAndFiniteDifferenceGradients() {
        assertThat(new Conv1d(3, 5, 3, 2, 1, true).forward(Mx.ones(new int[] {2, 9, 3}, DType.FLOAT32)).shape()).containsExactly(2, 5, 5);
        assertThat(new Conv3d(2, 4, 2, 1, 0, false).forward(Mx.ones(new int[] {1, 3, 3, 3, 2}, DType.FLOAT32)).shape())
                .containsExactly(1, 2, 2, 2, 4);
        assertThat(new ConvTranspose2d(3, 2, 3, 2, 0, true).forward(Mx.ones(new int[] {1, 4, 4, 3}, DType.FLOAT32)).shape())
                .containsExactly(1, 9, 9, 2);
        assertThat(new ConvTranspose1d(3, 2, 2, 1, 0, true).forward(Mx.ones(new int[] {1, 4, 3}, DType.FLOAT32)).shape())
                .containsExactly(1, 5, 2);
        Conv2d conv = new Conv2d(2, 3, 3, 1, 1, true);
        GradCheck.check(conv, conv::forward, f32(uniform(102, 2 * 4 * 4 * 2), 2, 4, 4, 2), 103);
        ConvTranspose1d convT = new ConvTranspose1d(2, 3, 3, 2, 1, true);
        GradCheck.check(convT, convT::forward, f32(uniform(104, 2 * 5 * 2), 2, 5, 2), 105);
    }

    @Test
    void quantizedLinearMatchesTheLinearOfItsDequantizedWeightAndStaysFrozen() {
        Random.seed(3);
        Linear linear = new Linear(128, 16, true);
        QuantizedLinear q = QuantizedLinear.from(linear, 64, 4);
        Map<String, Array> p = Tree.flatten(q.parameters());
        assertThat(p.keySet()).containsExactly("weight", "scales", "biases", "bias");
        assertThat(p.get("weight").dtype()).isEqualTo(DType.UINT32);
        assertThat(p.get("weight").shape()).containsExactly(16, 128 * 4 / 32);
        assertThat(Tree.flatten(q.trainableParameters())).isEmpty();
        q.unfreeze();
        assertThat(Tree.flatten(q.trainableParameters())).isEmpty(); // as MLX: a quantized layer's parameters stay frozen
        Array w = Mx.dequantize(p.get("weight"), p.get("scales"), p.get("biases"), 64, 4);
        double[] x = uniform(106, 3 * 128), wd = w.toDoubleArray(), b = p.get("bias").toDoubleArray();
        double[] expected = new double[3 * 16];
        for (int r = 0; r < 3; r++) for (int o = 0; o < 16; o++) {
            double acc = b[o];
            for (int i = 0; i < 128; i++) acc += x[r * 128 + i] * wd[o * 128 + i];
            expected[r * 16 + o] = acc;
        }
        assertClose(q.forward(f32(x, 3, 128)), expected, new int[] {3, 16}, DType.FLOAT32, 1e-4);
        // 4 bits keep the layer close to the original
        double[] original = linear.forward(f32(x, 3, 128)).toDoubleArray(), quantized = q.forward(f32(x, 3, 128)).toDoubleArray();
        for (int i = 0; i < original.length; i++) assertThat(Math.abs(original[i] - quantized[i])).isLessThan(0.15);
    }

    @Test
    void nnQuantizeReplacesLinearsAndEmbeddingsThatFitTheGroupSize() {
        Random.seed(4);
        Sequential model = new Sequential(new Embedding(10, 64), new Linear(64, 64, true), new ReLU(), new Linear(64, 5, false),
                new Linear(5, 3, true));
        Array tokens = Mx.array(new int[] {1, 7, 3}, 3);
        Nn.quantize(model, 64, 8, null);
        List<Module> layers = model.layers();
        assertThat(layers.get(0)).isInstanceOf(QuantizedEmbedding.class);
        assertThat(layers.get(1)).isInstanceOf(QuantizedLinear.class);
        assertThat(layers.get(3)).isInstanceOf(QuantizedLinear.class);
        assertThat(layers.get(4)).isInstanceOf(Linear.class); // 5 inputs: not a multiple of 64
        assertThat(Tree.flatten(model.parameters()).keySet()).contains("layers.1.scales", "layers.0.biases");
        assertThat(model.forward(tokens).shape()).containsExactly(3, 3);
        assertThat(Tree.flatten(model.trainableParameters()).keySet()).containsExactly("layers.4.weight", "layers.4.bias");
        MultiHeadAttention mha = new MultiHeadAttention(64, 4);
        Nn.quantize(mha, 64, 4, (path, m) -> !path.equals("out_proj"));
        assertThat(mha.children().get("query_proj")).isInstanceOf(QuantizedLinear.class);
        assertThat(mha.children().get("out_proj")).isInstanceOf(Linear.class);
        Array in = f32(uniform(107, 2 * 3 * 64), 2, 3, 64);
        assertThat(mha.forward(in, in, in, null).shape()).containsExactly(2, 3, 64);
        QuantizedEmbedding qe = (QuantizedEmbedding) layers.get(0);
        assertThat(qe.asLinear(f32(uniform(108, 64), 1, 64)).shape()).containsExactly(1, 10);
    }

    @Test
    void ropeLayerRotatesPairsByPositionTimesFrequency() {
        int l = 3, d = 4;
        double[] x = uniform(109, l * d);
        double[] expected = new double[l * d];
        for (int pos = 0; pos < l; pos++) for (int i = 0; i < d / 2; i++) {
            double theta = (pos + 2) * Math.pow(10000, -2.0 * i / d);
            double a = x[pos * d + i], b = x[pos * d + i + d / 2];
            expected[pos * d + i] = a * Math.cos(theta) - b * Math.sin(theta);
            expected[pos * d + i + d / 2] = a * Math.sin(theta) + b * Math.cos(theta);
        }
        assertClose(new RoPE(d).forward(f32(x, 1, l, d), 2), expected, new int[] {1, l, d}, DType.FLOAT32, 1e-5);
        assertThat(new RoPE(d).parameters()).isEmpty();
    }
}
