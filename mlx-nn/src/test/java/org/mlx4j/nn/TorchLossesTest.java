package org.mlx4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.nn.TorchGolden.assertClose;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.VjpResult;

/**
 * Every loss with every reduction against PyTorch 1.13 (CPU, float64; {@code golden/torch/generate.py}): the
 * loss and the gradient of {@code sum(loss * cotangent)} with respect to the predictions. Where the two differ by
 * design the generator arranges PyTorch's call to MLX's definition and says how (KL divergence summed over the
 * class axis, triplet loss with {@code eps = 0}, cosine similarity reduced after the similarity).
 */
class TorchLossesTest {
    private static final String[] REDUCTIONS = {"none", "mean", "sum"};

    @TestFactory
    Stream<DynamicTest> losses() {
        return TorchGolden.load("losses").values().stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c, DType.FLOAT64, 1e-10)));
    }

    /** The same cases in float32, to float32 accuracy. */
    @TestFactory
    Stream<DynamicTest> lossesFloat32() {
        return TorchGolden.load("losses").values().stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c, DType.FLOAT32, 1e-5)));
    }

    private static void check(TorchGolden.Case c, DType dtype, double tol) {
        double[] a = c.args();
        String reduction = REDUCTIONS[(int) a[a.length - 1]];
        Function<String, Array> field = k -> c.get(k).dtype().isFloating() ? c.get(k).astype(dtype) : c.get(k);
        Array x2 = field.apply("x2"), x3 = c.has("x3") ? field.apply("x3") : null;
        Function<Array, Array> loss = switch (c.kind()) {
            case "crossentropy" -> x -> Losses.crossEntropy(x, x2, null, -1, a[0], reduction);
            case "bce" -> x -> Losses.binaryCrossEntropy(x, x2, x3, a[0] == 1, reduction);
            case "nll" -> x -> Losses.nllLoss(x, x2, reduction);
            case "kldiv" -> x -> Losses.klDivLoss(x, x2, reduction);
            case "mse" -> x -> Losses.mseLoss(x, x2, reduction);
            case "l1" -> x -> Losses.l1Loss(x, x2, reduction);
            case "smoothl1" -> x -> Losses.smoothL1Loss(x, x2, a[0], reduction);
            case "huber" -> x -> Losses.huberLoss(x, x2, a[0], reduction);
            case "marginranking" -> x -> Losses.marginRankingLoss(x, x2, x3, a[0], reduction);
            case "triplet" -> x -> Losses.tripletLoss(x, x2, x3, -1, a[0], a[1], 0.0, reduction);
            case "cosine" -> x -> Losses.cosineSimilarityLoss(x, x2, -1, a[0], reduction);
            case "gaussiannll" -> x -> Losses.gaussianNllLoss(x, x2, x3, a[0] == 1, a[1], reduction);
            default -> throw new IllegalArgumentException("no loss for golden case " + c.name());
        };
        Array x = field.apply("x");
        Array y = loss.apply(x);
        assertThat(y.dtype()).as("dtype").isEqualTo(dtype);
        assertClose(c.name() + " loss", y, c.get("y"), tol);
        VjpResult r = Mx.vjp(args -> List.of(loss.apply(args.get(0))), List.of(x), List.of(field.apply("cot")));
        assertClose(c.name() + " d/d predictions", r.vjps().get(0), c.get("gx"), tol * 10);
    }
}
