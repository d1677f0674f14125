package org.mlx4j.nn;

import java.util.Arrays;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * MLX's loss functions ({@code mlx.nn.losses}), with MLX's formulas, options and default reductions. Every
 * {@code reduction} is {@code "none"} (one loss per example), {@code "mean"} or {@code "sum"}.
 */
public final class Losses {
    private Losses() {}

    /** Applies {@code reduction} to per-example losses. */
    static Array reduce(String op, Array loss, String reduction) {
        return switch (reduction) {
            case "none" -> loss;
            case "mean" -> Mx.mean(loss);
            case "sum" -> Mx.sum(loss);
            case null, default -> throw new IllegalArgumentException(op + ": invalid reduction \"" + reduction
                    + "\": use \"none\", \"mean\" or \"sum\"");
        };
    }

    private static void sameShape(String op, String what, Array a, Array b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": " + what + " shape " + Arrays.toString(a.shape())
                    + " does not match targets shape " + Arrays.toString(b.shape()));
        }
    }

    /**
     * Cross entropy of unnormalised {@code logits} and class indices, no reduction options beyond {@code reduction}.
     * MLX: {@code nn.losses.cross_entropy}.
     *
     * @param logits the unnormalised scores, classes along the last axis
     * @param targets class indices (one axis fewer than {@code logits}) or probabilities (same shape)
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"} (MLX's default {@code "none"})
     * @return the loss
     */
    public static Array crossEntropy(Array logits, Array targets, String reduction) {
        return crossEntropy(logits, targets, null, -1, 0.0, reduction);
    }

    /**
     * Cross entropy with every MLX option: {@code logsumexp(logits) - score}, where {@code score} is the target
     * class's logit (class indices) or {@code sum(logits * targets)} (probabilities); label smoothing mixes in the
     * mean logit. MLX: {@code nn.losses.cross_entropy}.
     *
     * @param logits the unnormalised scores
     * @param targets class indices (one axis fewer than {@code logits}) or probabilities (same shape)
     * @param weights per-example weights shaped like the unreduced loss, or null
     * @param axis the class axis (MLX's default -1)
     * @param labelSmoothing in {@code [0, 1)} (MLX's default 0)
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"}
     * @return the loss
     * @throws IllegalArgumentException for a label smoothing outside {@code [0, 1)}, mismatched shapes or an
     *     invalid reduction
     */
    public static Array crossEntropy(Array logits, Array targets, Array weights, int axis, double labelSmoothing,
                                     String reduction) {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("crossEntropy: label smoothing must be in [0, 1), got " + labelSmoothing);
        }
        Array score;
        if (targets.ndim() == logits.ndim()) {
            sameShape("crossEntropy", "probability targets", logits, targets);
            score = Mx.sum(logits.multiply(targets), axis);
        } else if (targets.ndim() == logits.ndim() - 1) {
            if (!targets.dtype().isInteger()) {
                throw new IllegalArgumentException("crossEntropy: class-index targets must be integers, got " + targets.dtype());
            }
            score = Mx.squeeze(Mx.takeAlongAxis(logits, Mx.expandDims(targets, axis), axis), axis);
        } else {
            throw new IllegalArgumentException("crossEntropy: targets " + Arrays.toString(targets.shape())
                    + " must be class indices (one axis fewer than the logits " + Arrays.toString(logits.shape())
                    + ") or probabilities (the same shape)");
        }
        Array lse = Mx.logsumexp(logits, axis);
        Array loss;
        if (labelSmoothing > 0) {
            Array smoothed = Mx.mean(logits, axis).multiply(-labelSmoothing);
            loss = lse.subtract(score.multiply(1 - labelSmoothing)).add(smoothed);
        } else {
            loss = lse.subtract(score);
        }
        return reduce("crossEntropy", weighted("crossEntropy", loss, weights), reduction);
    }

    private static Array weighted(String op, Array loss, Array weights) {
        if (weights == null) return loss;
        if (!Arrays.equals(weights.shape(), loss.shape())) {
            throw new IllegalArgumentException(op + ": weights shape " + Arrays.toString(weights.shape())
                    + " does not match the loss shape " + Arrays.toString(loss.shape()));
        }
        return loss.multiply(weights);
    }

    /**
     * Binary cross entropy of logits: {@code log(1 + exp(x)) - x * t}. MLX: {@code nn.losses.binary_cross_entropy}.
     *
     * @param logits the unnormalised scores
     * @param targets the targets in {@code [0, 1]}
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"} (MLX's default {@code "mean"})
     * @return the loss
     */
    public static Array binaryCrossEntropy(Array logits, Array targets, String reduction) {
        return binaryCrossEntropy(logits, targets, null, true, reduction);
    }

    /**
     * Binary cross entropy of logits or of probabilities (whose logs are clipped at -100, as MLX does).
     * MLX: {@code nn.losses.binary_cross_entropy}.
     *
     * @param inputs logits, or probabilities when {@code withLogits} is false
     * @param targets the targets in {@code [0, 1]}
     * @param weights per-element weights shaped like the unreduced loss, or null
     * @param withLogits whether {@code inputs} are logits (MLX's default true)
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"}
     * @return the loss
     */
    public static Array binaryCrossEntropy(Array inputs, Array targets, Array weights, boolean withLogits,
                                           String reduction) {
        Array loss;
        if (withLogits) {
            loss = Mx.logaddexp(inputs, 0.0).subtract(inputs.multiply(targets));
        } else {
            Array logP = Mx.maximum(Mx.log(inputs), -100.0);
            Array logQ = Mx.maximum(Mx.log(inputs.negative().add(1.0)), -100.0);
            loss = targets.multiply(logP).add(targets.negative().add(1.0).multiply(logQ)).negative();
        }
        return reduce("binaryCrossEntropy", weighted("binaryCrossEntropy", loss, weights), reduction);
    }

    /**
     * Mean squared error {@code (p - t)^2}. MLX: {@code nn.losses.mse_loss}.
     *
     * @param predictions the predictions
     * @param targets the targets, shaped like the predictions
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"} (MLX's default {@code "mean"})
     * @return the loss
     */
    public static Array mseLoss(Array predictions, Array targets, String reduction) {
        sameShape("mseLoss", "predictions", predictions, targets);
        return reduce("mseLoss", predictions.subtract(targets).square(), reduction);
    }

    /**
     * Mean absolute error {@code |p - t|}. MLX: {@code nn.losses.l1_loss}.
     *
     * @param predictions the predictions
     * @param targets the targets, shaped like the predictions
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"} (MLX's default {@code "mean"})
     * @return the loss
     */
    public static Array l1Loss(Array predictions, Array targets, String reduction) {
        sameShape("l1Loss", "predictions", predictions, targets);
        return reduce("l1Loss", Mx.abs(predictions.subtract(targets)), reduction);
    }

    /**
     * Negative log likelihood of log-probabilities: {@code -inputs[target]}. MLX: {@code nn.losses.nll_loss}.
     *
     * @param inputs log-probabilities, classes along {@code axis}
     * @param targets class indices
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"} (MLX's default {@code "none"})
     * @return the loss
     */
    public static Array nllLoss(Array inputs, Array targets, String reduction) { return nllLoss(inputs, targets, -1, reduction); }

    /**
     * Negative log likelihood along {@code axis}. MLX: {@code nn.losses.nll_loss}.
     *
     * @param inputs log-probabilities
     * @param targets class indices
     * @param axis the class axis (MLX's default -1)
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"}
     * @return the loss
     */
    public static Array nllLoss(Array inputs, Array targets, int axis, String reduction) {
        Array picked = Mx.squeeze(Mx.takeAlongAxis(inputs, Mx.expandDims(targets, -1), axis), -1);
        return reduce("nllLoss", picked.negative(), reduction);
    }

    /**
     * Kullback-Leibler divergence of log-probabilities: {@code sum(exp(t) * (t - x))} along the last axis.
     * MLX: {@code nn.losses.kl_div_loss}.
     *
     * @param inputs log-probabilities
     * @param targets target log-probabilities
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"} (MLX's default {@code "none"})
     * @return the loss
     */
    public static Array klDivLoss(Array inputs, Array targets, String reduction) { return klDivLoss(inputs, targets, -1, reduction); }

    /**
     * Kullback-Leibler divergence along {@code axis}. MLX: {@code nn.losses.kl_div_loss}.
     *
     * @param inputs log-probabilities
     * @param targets target log-probabilities
     * @param axis the distribution axis (MLX's default -1)
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"}
     * @return the loss
     */
    public static Array klDivLoss(Array inputs, Array targets, int axis, String reduction) {
        Array loss = Mx.sum(Mx.exp(targets).multiply(targets.subtract(inputs)), axis);
        return reduce("klDivLoss", loss, reduction);
    }

    /**
     * Smooth L1: {@code 0.5 d^2 / beta} where {@code d = |p - t| < beta}, else {@code d - 0.5 beta}.
     * MLX: {@code nn.losses.smooth_l1_loss}.
     *
     * @param predictions the predictions
     * @param targets the targets, shaped like the predictions
     * @param beta the threshold (MLX's default 1)
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"} (MLX's default {@code "mean"})
     * @return the loss
     */
    public static Array smoothL1Loss(Array predictions, Array targets, double beta, String reduction) {
        sameShape("smoothL1Loss", "predictions", predictions, targets);
        Array d = Mx.abs(predictions.subtract(targets));
        Array loss = Mx.where(Mx.less(d, beta), d.square().multiply(0.5 / beta), d.subtract(0.5 * beta));
        return reduce("smoothL1Loss", loss, reduction);
    }

    /**
     * Smooth L1 with MLX's beta, 1. MLX: {@code nn.losses.smooth_l1_loss}.
     *
     * @param predictions the predictions
     * @param targets the targets
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"}
     * @return the loss
     */
    public static Array smoothL1Loss(Array predictions, Array targets, String reduction) {
        return smoothL1Loss(predictions, targets, 1.0, reduction);
    }

    /**
     * Huber loss: {@code 0.5 q^2 + delta (|e| - q)} with {@code e = x - t}, {@code q = min(|e|, delta)}.
     * MLX: {@code nn.losses.huber_loss}.
     *
     * @param inputs the predictions
     * @param targets the targets
     * @param delta the threshold (MLX's default 1)
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"} (MLX's default {@code "none"})
     * @return the loss
     */
    public static Array huberLoss(Array inputs, Array targets, double delta, String reduction) {
        Array abs = Mx.abs(inputs.subtract(targets));
        Array quadratic = Mx.minimum(abs, delta);
        Array loss = quadratic.square().multiply(0.5).add(abs.subtract(quadratic).multiply(delta));
        return reduce("huberLoss", loss, reduction);
    }

    /**
     * Huber loss with MLX's delta, 1. MLX: {@code nn.losses.huber_loss}.
     *
     * @param inputs the predictions
     * @param targets the targets
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"}
     * @return the loss
     */
    public static Array huberLoss(Array inputs, Array targets, String reduction) {
        return huberLoss(inputs, targets, 1.0, reduction);
    }

    /**
     * Log-cosh: {@code log(cosh(x - t))}, computed as {@code logaddexp(e, -e) - log 2}. MLX:
     * {@code nn.losses.log_cosh_loss}.
     *
     * @param inputs the predictions
     * @param targets the targets
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"} (MLX's default {@code "none"})
     * @return the loss
     */
    public static Array logCoshLoss(Array inputs, Array targets, String reduction) {
        Array e = inputs.subtract(targets);
        return reduce("logCoshLoss", Mx.logaddexp(e, e.negative()).subtract(Math.log(2)), reduction);
    }

    /**
     * Hinge loss {@code max(1 - x * t, 0)} for targets in {-1, 1}. MLX: {@code nn.losses.hinge_loss}.
     *
     * @param inputs the predictions
     * @param targets the targets, -1 or 1
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"} (MLX's default {@code "none"})
     * @return the loss
     */
    public static Array hingeLoss(Array inputs, Array targets, String reduction) {
        return reduce("hingeLoss", Mx.maximum(inputs.multiply(targets).negative().add(1.0), 0.0), reduction);
    }

    /**
     * Margin ranking loss {@code max(0, -t * (x1 - x2) + margin)}. MLX: {@code nn.losses.margin_ranking_loss}.
     *
     * @param inputs1 the first scores
     * @param inputs2 the second scores
     * @param targets 1 where the first should rank higher, -1 where the second should
     * @param margin the margin (MLX's default 0)
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"} (MLX's default {@code "none"})
     * @return the loss
     */
    public static Array marginRankingLoss(Array inputs1, Array inputs2, Array targets, double margin, String reduction) {
        Array d = inputs1.subtract(inputs2);
        return reduce("marginRankingLoss", Mx.maximum(targets.negative().multiply(d).add(margin), 0.0), reduction);
    }

    /**
     * Triplet margin loss {@code max(||a - p||_p - ||a - n||_p + margin, 0)} along {@code axis}, each norm computed
     * as {@code sqrt(sum(d^p) + eps)} as MLX does. MLX: {@code nn.losses.triplet_loss}.
     *
     * @param anchors the anchors
     * @param positives the positive examples
     * @param negatives the negative examples
     * @param axis the feature axis (MLX's default -1)
     * @param p the norm's power (MLX's default 2)
     * @param margin the margin (MLX's default 1)
     * @param eps added under the root (MLX's default 1e-6)
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"} (MLX's default {@code "none"})
     * @return the loss
     */
    public static Array tripletLoss(Array anchors, Array positives, Array negatives, int axis, double p, double margin,
                                    double eps, String reduction) {
        Array pos = Mx.sqrt(Mx.sum(Mx.power(anchors.subtract(positives), p), axis).add(eps));
        Array neg = Mx.sqrt(Mx.sum(Mx.power(anchors.subtract(negatives), p), axis).add(eps));
        return reduce("tripletLoss", Mx.maximum(pos.subtract(neg).add(margin), 0.0), reduction);
    }

    /**
     * Cosine similarity {@code sum(x1 * x2) / max(||x1|| ||x2||, eps)} along {@code axis}.
     * MLX: {@code nn.losses.cosine_similarity_loss}.
     *
     * @param x1 the first vectors
     * @param x2 the second vectors
     * @param axis the feature axis (MLX's default 1)
     * @param eps the smallest denominator (MLX's default 1e-8)
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"} (MLX's default {@code "none"})
     * @return the similarity
     */
    public static Array cosineSimilarityLoss(Array x1, Array x2, int axis, double eps, String reduction) {
        Array n1 = Mx.sqrt(Mx.sum(x1.square(), axis));
        Array n2 = Mx.sqrt(Mx.sum(x2.square(), axis));
        Array loss = Mx.sum(x1.multiply(x2), axis).divide(Mx.maximum(n1.multiply(n2), eps));
        return reduce("cosineSimilarityLoss", loss, reduction);
    }

    /**
     * Gaussian negative log likelihood {@code 0.5 (log v + (t - x)^2 / v)} with {@code v = max(vars, eps)}, plus
     * {@code 0.5 log(2 pi)} when {@code full}. MLX: {@code nn.losses.gaussian_nll_loss}.
     *
     * @param inputs the predicted means
     * @param targets the targets
     * @param vars the predicted variances
     * @param full whether the constant term is included (MLX's default false)
     * @param eps the smallest variance (MLX's default 1e-6)
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"} (MLX's default {@code "mean"})
     * @return the loss
     */
    public static Array gaussianNllLoss(Array inputs, Array targets, Array vars, boolean full, double eps,
                                        String reduction) {
        Array v = Mx.maximum(vars, eps);
        Array loss = Mx.log(v).add(targets.subtract(inputs).square().divide(v)).multiply(0.5);
        if (full) loss = loss.add(0.5 * Math.log(2 * Math.PI));
        return reduce("gaussianNllLoss", loss, reduction);
    }
}
