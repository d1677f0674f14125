package org.mlx4j.examples.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Random;

class DigitsTrainingTest {

    @Test
    void theDataSetHasEveryImageAndAllTenDigits() {
        Digits d = Digits.load(0.2, 0);
        assertThat(d.trainLabels().shape(0) + d.testLabels().shape(0)).isEqualTo(Digits.COUNT);
        assertThat(d.trainImages().shape()).containsExactly(1438, 8, 8, 1);
        assertThat(d.testLabels().toIntArray()).contains(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        float[] pixels = d.trainImages().toFloatArray();
        for (float p : pixels) assertThat(p).isBetween(0f, 1f);
    }

    @Test
    void theMlpReachesNinetySevenPercentOnTheTestImagesAndTheCurvesArePlotted(@TempDir Path dir) throws Exception {
        Random.seed(0);
        DigitsTraining.Result r = DigitsTraining.train(DigitsTraining.mlp(), Digits.load(0.2, 0), 20, 64, 3e-3, false);
        assertThat(r.testAccuracy()).isGreaterThanOrEqualTo(0.97);
        assertThat(r.loss().getLast()).isLessThan(r.loss().getFirst() / 10);
        Path png = dir.resolve("curves.png");
        TrainingPlot.write(png, "test", r.loss(), r.accuracy());
        assertThat(png).exists();
        assertThat(Files.readAllBytes(png)).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void theConvolutionalNetworkReachesNinetySevenPercentToo() {
        Random.seed(0);
        DigitsTraining.Result r = DigitsTraining.train(DigitsTraining.cnn(), Digits.load(0.2, 0), 15, 64, 3e-3, false);
        assertThat(r.testAccuracy()).isGreaterThanOrEqualTo(0.97);
    }
}
