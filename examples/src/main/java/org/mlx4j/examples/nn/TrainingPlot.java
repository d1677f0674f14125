package org.mlx4j.examples.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/** Draws training curves (loss, and accuracy on a second axis) into a PNG with XChart. */
final class TrainingPlot {
    private TrainingPlot() {}

    /** Writes {@code file} (a PNG) with the per-epoch training loss and test accuracy. */
    static void write(Path file, String title, List<Double> loss, List<Double> accuracy) {
        double[] epochs = new double[loss.size()];
        for (int i = 0; i < epochs.length; i++) epochs[i] = i + 1;
        XYChart chart = new XYChartBuilder().width(800).height(450).title(title).xAxisTitle("epoch").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE).setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        XYSeries l = chart.addSeries("training loss", epochs, loss.stream().mapToDouble(Double::doubleValue).toArray());
        l.setYAxisGroup(0);
        XYSeries a = chart.addSeries("test accuracy", epochs, accuracy.stream().mapToDouble(Double::doubleValue).toArray());
        a.setYAxisGroup(1);
        chart.setYAxisGroupTitle(0, "loss");
        chart.setYAxisGroupTitle(1, "accuracy");
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }
}
