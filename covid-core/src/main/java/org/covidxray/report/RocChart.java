package org.covidxray.report;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * ROC curves (one per class, one-vs-rest, for multi-class data) with each AUC in the legend and the
 * chance diagonal. Curves of a class absent from the data (undefined) are left out of the plot but
 * named in the legend as "AUC n/a".
 */
public final class RocChart {
    private RocChart() {
    }

    public static byte[] png(List<LabelledRocCurve> curves, int width, int height) {
        Png.checkSize(width, height, "ROC");
        return Png.of(chart(curves), width, height, "ROC");
    }

    static JFreeChart chart(List<LabelledRocCurve> curves) {
        if (curves.isEmpty()) {
            throw new ReportException("no ROC curve given; pass at least one");
        }
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (LabelledRocCurve c : curves) {
            double auc = c.curve().auc();
            XYSeries series = new XYSeries(c.label() + " (AUC " + format(auc) + ")", false, true);
            double[] fpr = c.curve().fpr();
            double[] tpr = c.curve().tpr();
            for (int i = 0; i < fpr.length; i++) {
                if (Double.isFinite(fpr[i]) && Double.isFinite(tpr[i])) {
                    series.add(fpr[i], tpr[i]);
                }
            }
            int index = data.getSeriesCount();
            data.addSeries(series);
            renderer.setSeriesPaint(index, ChartStyle.colour(index));
            renderer.setSeriesStroke(index, ChartStyle.LINE);
        }
        XYSeries chance = new XYSeries("chance", false, true);
        chance.add(0, 0);
        chance.add(1, 1);
        int chanceIndex = data.getSeriesCount();
        data.addSeries(chance);
        renderer.setSeriesPaint(chanceIndex, Color.GRAY);
        renderer.setSeriesStroke(chanceIndex, ChartStyle.DASHED);

        XYPlot plot = new XYPlot(data, unitAxis("false-positive rate (1 - specificity)"),
                unitAxis("true-positive rate (sensitivity)"), renderer);
        ChartStyle.apply(plot);
        JFreeChart chart = new JFreeChart("ROC curve", ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart);
        return chart;
    }

    static NumberAxis unitAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(0, 1);
        axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.1));
        return axis;
    }

    static String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
    }
}
