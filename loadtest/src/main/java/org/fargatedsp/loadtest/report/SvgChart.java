package org.fargatedsp.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart drawn as inline SVG, so the HTML report needs nothing from outside: linear x axis
 * with given ticks, linear or base-10 logarithmic y axis with its own ticks, a legend and an
 * optional shaded span (the warm-up).
 */
final class SvgChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 340;
    private static final int LEFT = 70;
    private static final int RIGHT = 45;
    private static final int TOP = 40;
    private static final int BOTTOM = 45;

    /** One line: {@code xs} and {@code ys} of equal length. */
    record Series(String label, String color, double[] xs, double[] ys) {}

    /** A labelled position on an axis. */
    record Tick(double value, String label) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();
    private double xMin;
    private double xMax = 1;
    private List<Tick> xTicks = List.of();
    private double shadeFrom = Double.NaN;
    private double shadeTo = Double.NaN;
    private String shadeLabel = "";

    SvgChart(String title, String xLabel, String yLabel, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
    }

    SvgChart xAxis(double min, double max, List<Tick> ticks) {
        this.xMin = min;
        this.xMax = max > min ? max : min + 1;
        this.xTicks = ticks;
        return this;
    }

    SvgChart shade(double from, double to, String label) {
        this.shadeFrom = from;
        this.shadeTo = to;
        this.shadeLabel = label;
        return this;
    }

    SvgChart add(Series line) {
        series.add(line);
        return this;
    }

    String render() {
        double[] yRange = yRange();
        List<Tick> yTicks = logY ? logTicks(yRange[0], yRange[1]) : linearTicks(yRange[1]);
        StringBuilder svg = new StringBuilder();
        svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(f("<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", LEFT,
                HtmlReport.escape(title)));
        if (!Double.isNaN(shadeFrom) && shadeTo > shadeFrom) {
            double x0 = x(Math.max(shadeFrom, xMin));
            double x1 = x(Math.min(shadeTo, xMax));
            svg.append(f("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#eeeeee\"/>%n", x0, TOP,
                    Math.max(0, x1 - x0), HEIGHT - TOP - BOTTOM));
            svg.append(f("<text x=\"%.1f\" y=\"%d\" fill=\"#888\">%s</text>%n", x0 + 4, TOP + 14,
                    HtmlReport.escape(shadeLabel)));
        }
        for (Tick tick : yTicks) {
            double y = y(tick.value(), yRange);
            svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y,
                    WIDTH - RIGHT, y));
            svg.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4, tick.label()));
        }
        for (Tick tick : xTicks) {
            double x = x(tick.value());
            svg.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, TOP, x,
                    HEIGHT - BOTTOM));
            svg.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, HEIGHT - BOTTOM + 16,
                    HtmlReport.escape(tick.label())));
        }
        svg.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", LEFT, TOP,
                WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", (LEFT + WIDTH - RIGHT) / 2,
                HEIGHT - 8, HtmlReport.escape(xLabel)));
        svg.append(f("<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">%s</text>%n",
                (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2, HtmlReport.escape(yLabel)));
        int legendX = WIDTH - RIGHT - 10;
        for (int i = series.size() - 1; i >= 0; i--) {
            Series line = series.get(i);
            String label = HtmlReport.escape(line.label());
            svg.append(f("<text x=\"%d\" y=\"24\" text-anchor=\"end\" fill=\"%s\">&#9632; %s</text>%n", legendX,
                    line.color(), label));
            legendX -= 16 + 7 * line.label().length();
        }
        for (Series line : series) {
            svg.append(polyline(line, yRange));
        }
        return svg.append("</svg>\n").toString();
    }

    private String polyline(Series line, double[] yRange) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < line.xs().length; i++) {
            points.append(f("%.1f,%.1f ", x(line.xs()[i]), y(line.ys()[i], yRange)));
        }
        return f("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\" points=\"%s\"/>%n", line.color(),
                points.toString().trim());
    }

    private double[] yRange() {
        double max = 0;
        double min = Double.MAX_VALUE;
        for (Series line : series) {
            for (double y : line.ys()) {
                max = Math.max(max, y);
                if (y > 0) {
                    min = Math.min(min, y);
                }
            }
        }
        if (!logY) {
            return new double[] {0, max > 0 ? max * 1.05 : 1};
        }
        double low = min == Double.MAX_VALUE ? 0.01 : Math.pow(10, Math.floor(Math.log10(min)));
        double high = max > 0 ? Math.pow(10, Math.ceil(Math.log10(max * 1.0001))) : 1;
        return new double[] {low, Math.max(high, low * 10)};
    }

    private double x(double value) {
        return LEFT + (value - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
    }

    private double y(double value, double[] range) {
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double share = logY
                ? (Math.log10(Math.max(value, range[0])) - Math.log10(range[0]))
                        / (Math.log10(range[1]) - Math.log10(range[0]))
                : (value - range[0]) / (range[1] - range[0]);
        return HEIGHT - BOTTOM - Math.max(0, Math.min(1, share)) * plotHeight;
    }

    private static List<Tick> logTicks(double low, double high) {
        List<Tick> ticks = new ArrayList<>();
        for (double v = low; v <= high * 1.0001; v *= 10) {
            ticks.add(new Tick(v, TextReport.number(Double.parseDouble(f("%.6g", v)))));
        }
        return ticks;
    }

    private static List<Tick> linearTicks(double max) {
        double rough = max / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double step = magnitude * (rough / magnitude >= 5 ? 5 : rough / magnitude >= 2 ? 2 : 1);
        List<Tick> ticks = new ArrayList<>();
        for (double v = 0; v <= max; v += step) {
            ticks.add(new Tick(v, TextReport.number(Double.parseDouble(f("%.6g", v)))));
        }
        return ticks;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
