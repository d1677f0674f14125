package org.mlx4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.nn.TorchGolden.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Fn;
import org.mlx4j.core.Mx;
import org.mlx4j.core.VjpResult;
import org.mlx4j.utils.Tree;

/**
 * Layers and activations against PyTorch 1.13 (CPU, float64): the golden files of
 * {@code golden/torch/generate.py} hold random inputs, weights (converted to MLX's layouts: channels last,
 * convolution weights {@code [out, k..., in]}, one recurrent bias), outputs, and the gradients of
 * {@code sum(output * cotangent)} with respect to the inputs and every parameter. Each case loads the weights into
 * the mlx-nn layer with {@link Module#update} and compares all of them. Where MLX differs from PyTorch by design
 * (BatchNorm's running variance, SELU's rounded constants, GELU's fast approximation, RMSNorm which PyTorch 1.13
 * lacks) the generator writes MLX's formula with PyTorch tensors and says so.
 */
class TorchReferenceTest {
    private static final double TOL = 1e-9;
    private static final double FLOAT32_TOL = 1e-4;

    /**
     * Cases where PyTorch itself is less exact than float64: its CELU backward is 5e-8 (relative) away from
     * {@code exp(x / alpha)} written out in float64, which mlx-nn matches.
     */
    private static double tolerance(TorchGolden.Case c) { return c.kind().equals("celu") ? 1e-7 : TOL; }

    /** A layer under test: the module holding the parameters and its forward pass over the case's inputs. */
    private record Subject(Module model, Function<List<Array>, List<Array>> forward) {
        static Subject unary(Module m) { return new Subject(m, in -> List.of(((UnaryLayer) m).forward(in.get(0)))); }
    }

    @TestFactory
    Stream<DynamicTest> layers() {
        return TorchGolden.load("layers").values().stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c, layer(c), DType.FLOAT64)));
    }

    @TestFactory
    Stream<DynamicTest> activations() {
        return TorchGolden.load("activations").values().stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c, Subject.unary(activation(c.kind())), DType.FLOAT64)));
    }

    /** The same cases in float32 (the kernels training runs on), to float32 accuracy. */
    @TestFactory
    Stream<DynamicTest> layersFloat32() {
        return TorchGolden.load("layers").values().stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c, layer(c), DType.FLOAT32)));
    }

    @TestFactory
    Stream<DynamicTest> activationsFloat32() {
        return TorchGolden.load("activations").values().stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c, Subject.unary(activation(c.kind())), DType.FLOAT32)));
    }

    private static Subject layer(TorchGolden.Case c) {
        double[] a = c.args();
        int d = c.kind().matches(".*[123]d") ? c.arg(0) : 0;
        String kind = c.kind().replaceAll("[123]d$", "");
        return switch (kind) {
            case "linear" -> Subject.unary(new Linear(c.arg(0), c.arg(1), c.arg(2) == 1));
            case "bilinear" -> {
                Bilinear m = new Bilinear(c.arg(0), c.arg(1), c.arg(2), c.arg(3) == 1);
                yield new Subject(m, in -> List.of(m.forward(in.get(0), in.get(1))));
            }
            case "embedding" -> Subject.unary(new Embedding(c.arg(0), c.arg(1)));
            case "conv", "convtranspose" -> Subject.unary(convolution(kind.equals("convtranspose"), d, c));
            case "maxpool" -> Subject.unary(switch (d) {
                case 1 -> new MaxPool1d(c.arg(1), c.arg(2), c.arg(3));
                case 2 -> new MaxPool2d(c.arg(1), c.arg(2), c.arg(3));
                default -> new MaxPool3d(c.arg(1), c.arg(2), c.arg(3));
            });
            case "avgpool" -> Subject.unary(switch (d) {
                case 1 -> new AvgPool1d(c.arg(1), c.arg(2), c.arg(3));
                case 2 -> new AvgPool2d(c.arg(1), c.arg(2), c.arg(3));
                default -> new AvgPool3d(c.arg(1), c.arg(2), c.arg(3));
            });
            case "upsample" -> Subject.unary(new Upsample(new double[] {a[1]}, new String[] {"nearest", "linear", "cubic"}[c.arg(2)], c.arg(3) == 1));
            case "layernorm" -> Subject.unary(new LayerNorm(c.arg(0), a[1], c.arg(2) == 1));
            case "rmsnorm" -> Subject.unary(new RMSNorm(c.arg(0), a[1]));
            // MLX's default groups interleave channels; pytorchCompatible groups consecutive ones, as PyTorch.
            case "groupnorm" -> Subject.unary(new GroupNorm(c.arg(0), c.arg(1), a[2], true, true));
            case "instancenorm" -> Subject.unary(new InstanceNorm(c.arg(0), a[1], c.arg(2) == 1));
            case "batchnorm" -> {
                BatchNorm m = new BatchNorm(c.arg(0), a[1], a[2], true, true);
                m.train(c.arg(3) == 1);
                yield Subject.unary(m);
            }
            case "rnn" -> Subject.unary(new RNN(c.arg(0), c.arg(1), true));
            case "gru" -> Subject.unary(new GRU(c.arg(0), c.arg(1), true));
            case "lstm" -> {
                LSTM m = new LSTM(c.arg(0), c.arg(1), true);
                yield new Subject(m, in -> m.forward(in.get(0)));
            }
            case "mha" -> {
                MultiHeadAttention m = new MultiHeadAttention(c.arg(0), c.arg(1));
                Array mask = c.has("mask") ? c.get("mask") : null;
                yield new Subject(m, in -> List.of(m.forward(in.get(0), in.get(1), in.get(2), mask)));
            }
            case "encoderlayer" -> {
                TransformerEncoderLayer m = new TransformerEncoderLayer(c.arg(0), c.arg(1), c.arg(2), 0.0, Activations::relu, c.arg(3) == 1);
                yield new Subject(m, in -> List.of(m.forward(in.get(0), c.get("mask"))));
            }
            case "decoderlayer" -> {
                TransformerDecoderLayer m = new TransformerDecoderLayer(c.arg(0), c.arg(1), c.arg(2), 0.0, Activations::relu, c.arg(3) == 1);
                yield new Subject(m, in -> List.of(m.forward(in.get(0), in.get(1), c.get("mask"), null)));
            }
            case "encoder" -> {
                TransformerEncoder m = new TransformerEncoder(c.arg(0), c.arg(1), c.arg(2), c.arg(3), 0.0, Activations::relu, true);
                yield new Subject(m, in -> List.of(m.forward(in.get(0), c.get("mask"))));
            }
            case "decoder" -> {
                TransformerDecoder m = new TransformerDecoder(c.arg(0), c.arg(1), c.arg(2), c.arg(3), 0.0, Activations::relu, true);
                yield new Subject(m, in -> List.of(m.forward(in.get(0), in.get(1), c.get("mask"), null)));
            }
            default -> throw new IllegalArgumentException("no layer for golden case " + c.name());
        };
    }

    private static Module convolution(boolean transposed, int d, TorchGolden.Case c) {
        int cin = c.arg(1), cout = c.arg(2), k = c.arg(3), s = c.arg(4), p = c.arg(5), dil = c.arg(6), g = c.arg(7);
        boolean bias = c.arg(8) == 1;
        if (transposed) {
            return switch (d) {
                case 1 -> new ConvTranspose1d(cin, cout, k, s, p, dil, g, bias);
                case 2 -> new ConvTranspose2d(cin, cout, k, s, p, dil, g, bias);
                default -> new ConvTranspose3d(cin, cout, k, s, p, dil, g, bias);
            };
        }
        return switch (d) {
            case 1 -> new Conv1d(cin, cout, k, s, p, dil, g, bias);
            case 2 -> new Conv2d(cin, cout, k, s, p, dil, g, bias);
            default -> new Conv3d(cin, cout, k, s, p, dil, g, bias);
        };
    }

    private static Module activation(String kind) {
        return switch (kind) {
            case "sigmoid" -> new Sigmoid();
            case "relu" -> new ReLU();
            case "relu6" -> new ReLU6();
            case "leakyrelu" -> new LeakyReLU(0.01);
            case "prelu" -> new PReLU(3, 0.25);
            case "elu" -> new ELU(1.0);
            case "celu" -> new CELU(1.3);
            case "selu" -> new SELU();
            case "silu" -> new SiLU();
            case "softplus" -> new Softplus();
            case "softsign" -> new Softsign();
            case "softshrink" -> new Softshrink(0.5);
            case "hardshrink" -> new Hardshrink(0.5);
            case "hardtanh" -> new HardTanh(-1.0, 1.0);
            case "hardswish" -> new Hardswish();
            case "mish" -> new Mish();
            case "logsigmoid" -> new LogSigmoid();
            case "gelu" -> new GELU();
            case "gelutanh" -> new GELU("tanh");
            case "gelufast" -> new GELU("fast");
            case "glu" -> new GLU(-1);
            case "tanh" -> new Tanh();
            case "softmax" -> new Softmax();
            case "softmin" -> new Softmin();
            case "logsoftmax" -> new LogSoftmax();
            default -> throw new IllegalArgumentException("no activation for golden kind " + kind);
        };
    }

    /** Outputs, parameters after the pass, input gradients and parameter gradients against the golden case. */
    static void check(TorchGolden.Case c, Subject s, DType dtype) {
        double tol = dtype == DType.FLOAT32 ? FLOAT32_TOL : tolerance(c);
        Function<Array, Array> cast = a -> a.dtype().isFloating() ? a.astype(dtype) : a;
        Module model = s.model();
        model.setDtype(dtype);
        Object params = Tree.map(cast::apply, c.tree("p."));
        Runnable reset = () -> { if (!((Map<?, ?>) params).isEmpty()) model.update(params); };
        List<Array> inputs = numbered(c, "x").stream().map(cast).toList();
        List<Array> cots = numbered(c, "cot").stream().map(cast).toList();

        reset.run();
        List<Array> outputs = s.forward().apply(inputs);
        Mx.eval(outputs);
        List<Array> expected = numbered(c, "y");
        assertThat(outputs).as("outputs").isNotEmpty().hasSameSizeAs(expected);
        for (int i = 0; i < outputs.size(); i++) {
            assertThat(outputs.get(i).dtype()).as("output dtype").isEqualTo(dtype);
            assertClose(c.name() + " output " + i, outputs.get(i), expected.get(i), tol);
        }
        Map<String, Array> after = Tree.flatten(c.tree("after."));
        Map<String, Array> now = Tree.flatten(model.parameters());
        after.forEach((k, v) -> assertClose(c.name() + " " + k + " after the pass", now.get(k), v, tol));

        List<Integer> differentiable = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) if (c.has("gx" + suffix(i))) differentiable.add(i);
        if (!differentiable.isEmpty()) {
            reset.run();
            Fn f = args -> {
                List<Array> all = new ArrayList<>(inputs);
                for (int j = 0; j < differentiable.size(); j++) all.set(differentiable.get(j), args.get(j));
                return s.forward().apply(all);
            };
            VjpResult r = Mx.vjp(f, differentiable.stream().map(inputs::get).toList(), cots);
            for (int j = 0; j < differentiable.size(); j++) {
                String name = "gx" + suffix(differentiable.get(j));
                assertClose(c.name() + " " + name, r.vjps().get(j), c.get(name), tol);
            }
        }

        Map<String, Array> expectedGrads = Tree.flatten(c.tree("g."));
        if (!expectedGrads.isEmpty()) {
            reset.run();
            ValueAndGradTree vg = Nn.valueAndGrad(model, args -> {
                List<Array> out = s.forward().apply(args);
                Array total = Mx.array(0.0, dtype);
                for (int i = 0; i < out.size(); i++) total = total.add(Mx.sum(out.get(i).multiply(cots.get(i))));
                return List.of(total);
            }).apply(inputs);
            Map<String, Array> grads = Tree.flatten(vg.grads());
            assertThat(grads.keySet()).as("trainable parameters").containsExactlyInAnyOrderElementsOf(expectedGrads.keySet());
            expectedGrads.forEach((k, v) -> assertClose(c.name() + " d/d " + k, grads.get(k), v, tol));
        }
    }

    private static String suffix(int i) { return i == 0 ? "" : String.valueOf(i + 1); }

    /** The fields {@code name}, {@code name2}, {@code name3} ... present in the case. */
    private static List<Array> numbered(TorchGolden.Case c, String name) {
        List<Array> out = new ArrayList<>();
        for (int i = 0; c.has(name + suffix(i)); i++) out.add(c.get(name + suffix(i)));
        return out;
    }
}
