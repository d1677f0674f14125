package org.mlx4j.bench.peers;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * One Adam training step of the handwritten-digits MLP (64-128-128-10) and CNN (conv 3x3 16, max-pool 2, conv 3x3
 * 32, max-pool 2, linear 10) at batch 64 with DJL on the PyTorch engine (libtorch CPU, eager), as a DJL user writes
 * it: a batch in a sub-manager, forward and softmax cross entropy under a gradient collector, backward,
 * {@code trainer.step()}, and the loss read back. Run with {@code -Dai.djl.offline=true}: libtorch comes from the
 * pytorch-native-cpu jar on the classpath, never from the network.
 *
 * <p>Arguments: {@code warmup repeats threads model...} (models {@code mlp}, {@code cnn}); prints one line per
 * model, {@code name median_ms min_ms}, on stdout.
 */
public final class DjlTrainingPeer {
    private static final int BATCH = 64;

    private DjlTrainingPeer() {}

    public static void main(String[] args) throws Exception {
        int warmup = Integer.parseInt(args[0]), repeats = Integer.parseInt(args[1]), threads = Integer.parseInt(args[2]);
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.err.println("djl " + Engine.getDjlVersion() + ", libtorch " + Engine.getEngine("PyTorch").getVersion() + ", "
                + threads + " threads");
        for (String name : Arrays.copyOfRange(args, 3, args.length)) {
            double[] ms = run(name, warmup, repeats);
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "%s %.4f %.4f%n", name, ms[ms.length / 2], ms[0]);
        }
    }

    static Block block(String name) {
        SequentialBlock b = new SequentialBlock();
        switch (name) {
            case "mlp" -> b.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(128).build()).add(Activation::relu)
                    .add(Linear.builder().setUnits(128).build()).add(Activation::relu).add(Linear.builder().setUnits(10).build());
            case "cnn" -> b.add(conv(16)).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                    .add(conv(32)).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                    .add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build());
            default -> throw new IllegalArgumentException("unknown model '" + name + "', expected mlp or cnn");
        }
        return b;
    }

    private static Block conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build();
    }

    /** Milliseconds of each timed step. */
    static double[] run(String name, int warmup, int repeats) {
        Shape input = name.equals("cnn") ? new Shape(BATCH, 1, 8, 8) : new Shape(BATCH, 8, 8);
        Random rnd = new Random(1);
        float[] x = new float[BATCH * 64], y = new float[BATCH];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat();
        for (int i = 0; i < y.length; i++) y[i] = rnd.nextInt(10);
        double[] ms = new double[repeats];
        try (Model model = Model.newInstance(name, Device.cpu(), "PyTorch")) {
            model.setBlock(block(name));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(input);
                for (int r = 0; r < warmup + repeats; r++) {
                    long t0 = System.nanoTime();
                    float loss = step(trainer, x, y, input);
                    if (r >= warmup) ms[r - warmup] = (System.nanoTime() - t0) / 1e6;
                    if (!Float.isFinite(loss)) throw new IllegalStateException(name + ": loss " + loss);
                }
            }
        }
        return ms;
    }

    private static float step(Trainer trainer, float[] x, float[] y, Shape input) {
        try (NDManager batch = trainer.getManager().newSubManager()) {
            NDArray data = batch.create(x, input), labels = batch.create(y, new Shape(BATCH));
            float value;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(data), new NDList(labels));
                NDArray loss = trainer.getLoss().evaluate(new NDList(labels), predictions);
                collector.backward(loss);
                value = loss.getFloat();
            }
            trainer.step();
            return value;
        }
    }
}
