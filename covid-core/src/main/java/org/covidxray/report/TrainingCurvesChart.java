package org.covidxray.report;

import java.awt.Color;
import org.covidxray.model.EpochResult;
import org.covidxray.model.TrainingHistory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Loss and accuracy per epoch, training and validation, in two panels over a shared epoch axis (what
 * the original Keras project plotted). A vertical line marks the epoch whose weights were kept.
 * Epochs without validation values (NaN) leave gaps rather than zeros.
 */
public final class TrainingCurvesChart {
    private TrainingCurvesChart() {
    }

    /** The chart as PNG bytes of the given size. */
    public static byte[] png(TrainingHistory history, int width, int height) {
        Png.checkSize(width, height, "training curves");
        return Png.of(chart(history), width, height, "training curves");
    }

    static JFreeChart chart(TrainingHistory history) {
        if (history == null || history.epochs().isEmpty()) {
            throw new ReportException("training history has no completed epoch; there are no curves to draw");
        }
        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochAxis.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
        plot.setGap(12);
        plot.add(panel(history, "loss", true), 1);
        plot.add(panel(history, "accuracy", false), 1);
        JFreeChart chart = new JFreeChart("Training loss and accuracy", ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart);
        return chart;
    }

    private static XYPlot panel(TrainingHistory history, String name, boolean loss) {
        XYSeries train = new XYSeries("train " + name);
        XYSeries validation = new XYSeries("validation " + name);
        for (EpochResult e : history.epochs()) {
            add(train, e.epoch(), loss ? e.trainLoss() : e.trainAccuracy());
            add(validation, e.epoch(), loss ? e.validationLoss() : e.validationAccuracy());
        }
        XYSeriesCollection data = new XYSeriesCollection(train);
        if (validation.getItemCount() > 0) {
            data.addSeries(validation);
        }
        NumberAxis valueAxis = new NumberAxis(name);
        valueAxis.setAutoRangeIncludesZero(!loss);
        if (!loss) {
            valueAxis.setRange(0, 1.0);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesPaint(s, ChartStyle.colour(s + (loss ? 0 : 2)));
            renderer.setSeriesStroke(s, ChartStyle.LINE);
        }
        XYPlot plot = new XYPlot(data, null, valueAxis, renderer);
        ChartStyle.apply(plot);
        if (history.best() != null) {
            ValueMarker kept = new ValueMarker(history.bestEpoch(), Color.DARK_GRAY, ChartStyle.DASHED);
            if (loss) {
                kept.setLabel("kept: epoch " + history.bestEpoch());
                kept.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                kept.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            }
            plot.addDomainMarker(kept);
        }
        return plot;
    }

    private static void add(XYSeries series, int epoch, double value) {
        if (Double.isFinite(value)) {
            series.add(epoch, value);
        }
    }
}
