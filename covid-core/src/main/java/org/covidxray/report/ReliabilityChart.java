package org.covidxray.report;

import java.awt.Color;
import org.covidxray.metrics.Calibration;
import org.covidxray.metrics.CalibrationBin;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Reliability diagram: observed frequency against mean predicted probability per non-empty bin, with
 * the diagonal of perfect calibration and the expected calibration error in the title.
 */
public final class ReliabilityChart {
    private ReliabilityChart() {
    }

    public static byte[] png(Calibration calibration, int width, int height) {
        Png.checkSize(width, height, "reliability");
        return Png.of(chart(calibration), width, height, "reliability");
    }

    static JFreeChart chart(Calibration calibration) {
        XYSeries observed = new XYSeries("observed (" + calibration.kind() + ")", false, true);
        for (CalibrationBin bin : calibration.bins()) {
            if (bin.count() > 0) {
                observed.add(bin.meanPredicted(), bin.observedFrequency());
            }
        }
        XYSeries perfect = new XYSeries("perfectly calibrated", false, true);
        perfect.add(0, 0);
        perfect.add(1, 1);
        XYSeriesCollection data = new XYSeriesCollection(observed);
        data.addSeries(perfect);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, ChartStyle.colour(0));
        renderer.setSeriesStroke(0, ChartStyle.LINE);
        renderer.setSeriesPaint(1, Color.GRAY);
        renderer.setSeriesStroke(1, ChartStyle.DASHED);
        renderer.setSeriesShapesVisible(1, false);
        XYPlot plot = new XYPlot(data, RocChart.unitAxis("mean predicted probability"),
                RocChart.unitAxis("observed frequency"), renderer);
        ChartStyle.apply(plot);
        String title = "Reliability diagram (ECE " + RocChart.format(calibration.expectedCalibrationError()) + ", "
                + calibration.bins().size() + " bins)";
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart);
        return chart;
    }
}
