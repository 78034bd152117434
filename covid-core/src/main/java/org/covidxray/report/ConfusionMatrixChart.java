package org.covidxray.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.covidxray.metrics.ConfusionMatrix;

/**
 * Confusion matrix heat map: rows are the true class, columns the predicted class (scikit-learn's
 * convention); each cell shows its count and its share of the row, and is shaded by that share.
 * Drawn with Java2D rather than JFreeChart: a grid of labelled cells with text in every cell is
 * simpler by hand than through an XY block renderer and annotations.
 */
public final class ConfusionMatrixChart {
    private static final Color LOW = new Color(0xF7FBFF);
    private static final Color HIGH = new Color(0x08306B);

    private ConfusionMatrixChart() {
    }

    public static byte[] png(ConfusionMatrix matrix, List<String> classNames, int width, int height) {
        Png.checkSize(width, height, "confusion matrix");
        if (classNames.size() != matrix.classes()) {
            throw new ReportException(classNames.size() + " class names for a " + matrix.classes()
                    + "-class confusion matrix; give one name per class");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g, matrix, classNames, width, height);
        } finally {
            g.dispose();
        }
        return Png.of(image, "confusion matrix");
    }

    private static void draw(Graphics2D g, ConfusionMatrix matrix, List<String> names, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int k = matrix.classes();
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, Math.min(width, height) / 45));
        g.setFont(labelFont);
        FontMetrics fm = g.getFontMetrics();
        int longestName = names.stream().mapToInt(fm::stringWidth).max().orElse(0);
        int left = longestName + 2 * fm.getHeight() + 10;
        int top = 2 * fm.getHeight() + 20;
        int bottom = 2 * fm.getHeight() + 20;
        int right = 20;
        int cell = Math.max(1, Math.min((width - left - right) / k, (height - top - bottom) / k));

        g.setColor(Color.BLACK);
        g.setFont(ChartStyle.TITLE);
        centre(g, "Confusion matrix (rows: true class, columns: predicted)", width / 2, fm.getHeight() + 10);
        g.setFont(labelFont);

        double[][] share = matrix.rowNormalised();
        Font cellFont = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(9, Math.min(cell / 7, 28)));
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                double s = Double.isNaN(share[t][p]) ? 0 : share[t][p];
                int x = left + p * cell;
                int y = top + t * cell;
                g.setColor(mix(s));
                g.fillRect(x, y, cell, cell);
                g.setColor(Color.GRAY);
                g.drawRect(x, y, cell, cell);
                g.setColor(s > 0.5 ? Color.WHITE : Color.BLACK);
                g.setFont(cellFont);
                int lineHeight = g.getFontMetrics().getHeight();
                centre(g, Integer.toString(matrix.count(t, p)), x + cell / 2, y + cell / 2);
                centre(g, percent(share[t][p]), x + cell / 2, y + cell / 2 + lineHeight);
            }
        }
        g.setFont(labelFont);
        g.setColor(Color.BLACK);
        for (int c = 0; c < k; c++) {
            centre(g, names.get(c), left + c * cell + cell / 2, top + k * cell + fm.getHeight() + 4);
            g.drawString(names.get(c), left - fm.stringWidth(names.get(c)) - 8,
                    top + c * cell + cell / 2 + fm.getAscent() / 2);
        }
        centre(g, "predicted class", left + k * cell / 2, top + k * cell + 2 * fm.getHeight() + 8);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        centre(g, "true class", -(top + k * cell / 2), fm.getHeight());
        g.setTransform(saved);
    }

    private static void centre(Graphics2D g, String text, int x, int y) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y);
    }

    private static Color mix(double share) {
        return new Color(
                (int) Math.round(LOW.getRed() + share * (HIGH.getRed() - LOW.getRed())),
                (int) Math.round(LOW.getGreen() + share * (HIGH.getGreen() - LOW.getGreen())),
                (int) Math.round(LOW.getBlue() + share * (HIGH.getBlue() - LOW.getBlue())));
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "(n/a)" : String.format(Locale.ROOT, "(%.1f%%)", 100 * share);
    }
}
