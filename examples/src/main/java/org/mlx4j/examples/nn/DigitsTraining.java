package org.mlx4j.examples.nn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mlx4j.core.Array;
import org.mlx4j.core.CompileOptions;
import org.mlx4j.core.Fn;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;
import org.mlx4j.nn.Conv2d;
import org.mlx4j.nn.Flatten;
import org.mlx4j.nn.MaxPool2d;
import org.mlx4j.nn.Linear;
import org.mlx4j.nn.Losses;
import org.mlx4j.nn.Nn;
import org.mlx4j.nn.ReLU;
import org.mlx4j.nn.Sequential;
import org.mlx4j.nn.ValueAndGradTree;
import org.mlx4j.optimizers.Adam;

/**
 * Trains a classifier (a multilayer perceptron or a small convolutional network) of the bundled handwritten digits
 * with mlx-nn, the training step compiled with the model and
 * optimizer state as its captured inputs and outputs, shows a progress bar, and draws the loss and accuracy curves
 * into a PNG.
 *
 * <pre>
 *   ./mlx4j train digits [--model mlp|cnn] [--epochs 30] [--batch 64] [--lr 0.003] [--seed 0] [--plot target/digits.png]
 * </pre>
 */
public final class DigitsTraining {
    /** What a run ends with. */
    public record Result(double testAccuracy, List<Double> loss, List<Double> accuracy, double msPerStep) { }

    private DigitsTraining() {}

    /** A small convolutional network: two 3x3 convolutions (16, 32 channels) with 2x2 max pooling, then a linear layer. */
    public static Sequential cnn() {
        return new Sequential(new Conv2d(1, 16, 3, 1, 1, true), new ReLU(), new MaxPool2d(2),
                new Conv2d(16, 32, 3, 1, 1, true), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(2 * 2 * 32, 10, true));
    }

    /** The multilayer perceptron: 64 pixels, two hidden layers of 128, 10 classes. */
    public static Sequential mlp() {
        return new Sequential(new Flatten(), new Linear(64, 128, true), new ReLU(), new Linear(128, 128, true), new ReLU(),
                new Linear(128, 10, true));
    }

    /**
     * Trains {@code model} on {@code data} with Adam and reports progress to standard output.
     *
     * @param model a model from {@code [n, 8, 8, 1]} images to {@code [n, 10]} logits
     * @param data the data set
     * @param epochs the passes over the training part
     * @param batch the batch size
     * @param learningRate Adam's learning rate
     * @param progress whether to draw the progress bar
     * @return the final test accuracy and the curves
     */
    public static Result train(Sequential model, Digits data, int epochs, int batch, double learningRate, boolean progress) {
        Adam optimizer = new Adam(learningRate);
        optimizer.init(model.trainableParameters());
        var lossAndGrad = Nn.valueAndGrad(model, args ->
                List.of(Losses.crossEntropy(model.forward(args.get(0)), args.get(1), "mean")));
        Fn trainStep = args -> {
            ValueAndGradTree out = lossAndGrad.apply(args);
            optimizer.update(model, out.grads());
            return List.of(out.value());
        };
        Fn step = Mx.compile(trainStep, CompileOptions.defaults().withInputs(model, optimizer).withOutputs(model, optimizer));
        int n = data.trainLabels().shape(0), batches = n / batch;
        List<Double> losses = new ArrayList<>(), accuracies = new ArrayList<>();
        long stepNanos = 0;
        int steps = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Array order = Random.permutation(n, null);
            ProgressBar bar = new ProgressBar(System.out, String.format(Locale.ROOT, "epoch %2d/%d", epoch, epochs), batches);
            double epochLoss = 0;
            for (int b = 0; b < batches; b++) {
                Array idx = order.get(org.mlx4j.core.Slice.of(b * batch, (b + 1) * batch));
                Array x = Mx.take(data.trainImages(), idx, 0), y = Mx.take(data.trainLabels(), idx, 0);
                Mx.eval(x, y);
                long t0 = System.nanoTime();
                Array loss = step.apply(List.of(x, y)).get(0);
                Mx.eval(model, optimizer, loss);
                if (epoch > 1) { stepNanos += System.nanoTime() - t0; steps++; }
                epochLoss += loss.doubleValue();
                if (progress) bar.update(b + 1, String.format(Locale.ROOT, "loss %.4f", epochLoss / (b + 1)));
            }
            model.eval();
            double accuracy = Digits.accuracy(model.forward(data.testImages()), data.testLabels());
            model.train(true);
            losses.add(epochLoss / batches);
            accuracies.add(accuracy);
            if (progress) bar.finish(String.format(Locale.ROOT, "loss %.4f  test accuracy %.2f%%", epochLoss / batches, 100 * accuracy));
        }
        return new Result(accuracies.getLast(), losses, accuracies, steps == 0 ? 0 : stepNanos / 1e6 / steps);
    }

    /**
     * Runs the training from the command line.
     *
     * @param args {@code --epochs N --batch N --lr X --seed N --plot FILE}
     * @throws Exception if the plot cannot be written
     */
    public static void main(String[] args) throws Exception {
        int epochs = 30, batch = 64;
        double lr = 3e-3;
        long seed = 0;
        Path plot = Path.of("target", "digits.png");
        String model = "mlp";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--lr" -> lr = Double.parseDouble(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--plot" -> plot = Path.of(args[++i]);
                case "--model" -> model = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --model mlp|cnn --epochs N --batch N --lr X --seed N --plot FILE)");
            }
        }
        Random.seed(seed);
        Digits data = Digits.load(0.2, seed);
        Sequential network = switch (model) {
            case "mlp" -> mlp();
            case "cnn" -> cnn();
            default -> throw new IllegalArgumentException("unknown model " + model + " (use mlp or cnn)");
        };
        String description = model.equals("mlp") ? "MLP 64-128-128-10" : "CNN conv16-pool-conv32-pool-linear";
        System.out.printf(Locale.ROOT, "digits: %d training and %d test images, %s, Adam lr %g, batch %d%n",
                data.trainLabels().shape(0), data.testLabels().shape(0), description, lr, batch);
        Result r = train(network, data, epochs, batch, lr, true);
        if (plot.getParent() != null) Files.createDirectories(plot.getParent());
        TrainingPlot.write(plot, "digits, " + description, r.loss(), r.accuracy());
        System.out.printf(Locale.ROOT, "test accuracy %.2f%%, %.3f ms per compiled training step; curves in %s%n",
                100 * r.testAccuracy(), r.msPerStep(), plot);
    }
}
