package dev.obrol.bench;

import java.util.List;
import java.util.Locale;

/**
 * Two side-by-side panels as plain SVG: delivered msgs/s against offered msgs/s (with the
 * "delivered = offered" diagonal), and p99 latency (log scale) against offered msgs/s. A closed-loop
 * run (offered 0) is drawn as a dashed "max" line in the throughput panel. No dependencies.
 */
final class SvgChart {
    /** One {@code messages} run; {@code problems} = lost + errors (drawn in red when not zero). */
    record Point(double offered, double delivered, double p99Ms, long problems) {}

    private static final int PANEL_W = 420;
    private static final int PANEL_H = 300;
    private static final int LEFT = 70;
    private static final int TOP = 50;
    private static final int GAP = 110;

    private final String title;
    private final List<Point> points;
    private final StringBuilder svg = new StringBuilder();

    SvgChart(String title, List<Point> points) {
        this.title = title;
        this.points = points;
    }

    String render() {
        int width = LEFT + 2 * PANEL_W + GAP + 30;
        int height = TOP + PANEL_H + 70;
        svg.append(f("<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='12'>%n", width, height));
        svg.append(f("<rect width='%d' height='%d' fill='white'/>%n", width, height));
        svg.append(f("<text x='%d' y='24' font-size='16' font-weight='bold'>%s</text>%n", LEFT, escape(title)));
        List<Point> open = points.stream().filter(p -> p.offered() > 0).toList();
        double maxX = open.stream().mapToDouble(Point::offered).max().orElse(1);
        double maxY = Math.max(maxX, points.stream().mapToDouble(Point::delivered).max().orElse(1));
        throughput(LEFT, open, nice(maxX), nice(maxY));
        latency(LEFT + PANEL_W + GAP, open, nice(maxX));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void throughput(int x0, List<Point> open, double maxX, double maxY) {
        axes(x0, "offered msgs/s", "delivered msgs/s", maxX, maxY, false, 0);
        line(x0, 0, 0, maxX, maxX, maxX, maxY, "#bbbbbb", "4,4"); // delivered = offered
        for (Point p : points) {
            if (p.offered() == 0) {
                double y = TOP + PANEL_H - p.delivered() / maxY * PANEL_H;
                svg.append(f("<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#d62728' stroke-dasharray='6,3'/>%n", x0, y, x0 + PANEL_W, y));
                svg.append(f("<text x='%d' y='%.1f' fill='#d62728'>max (closed loop): %,.0f/s</text>%n", x0 + 6, y - 5, p.delivered()));
            }
        }
        series(x0, open, maxX, p -> p.delivered() / maxY, "#1f77b4");
    }

    private void latency(int x0, List<Point> open, double maxX) {
        double maxMs = open.stream().mapToDouble(Point::p99Ms).max().orElse(1);
        double minMs = open.stream().mapToDouble(Point::p99Ms).filter(v -> v > 0).min().orElse(0.01);
        double lo = Math.pow(10, Math.floor(Math.log10(Math.max(minMs, 0.001))));
        double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(maxMs, lo * 10))));
        axes(x0, "offered msgs/s", "p99 latency (ms, log)", maxX, hi, true, lo);
        series(x0, open, maxX, p -> (Math.log10(Math.max(p.p99Ms(), lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)), "#ff7f0e");
    }

    private void series(int x0, List<Point> ps, double maxX, java.util.function.ToDoubleFunction<Point> yFraction, String color) {
        StringBuilder path = new StringBuilder();
        for (Point p : ps) {
            double x = x0 + p.offered() / maxX * PANEL_W;
            double y = TOP + PANEL_H - yFraction.applyAsDouble(p) * PANEL_H;
            path.append(path.length() == 0 ? "M" : " L").append(f("%.1f %.1f", x, y));
        }
        if (path.length() > 0) {
            svg.append(f("<path d='%s' fill='none' stroke='%s' stroke-width='2'/>%n", path, color));
        }
        for (Point p : ps) {
            double x = x0 + p.offered() / maxX * PANEL_W;
            double y = TOP + PANEL_H - yFraction.applyAsDouble(p) * PANEL_H;
            svg.append(f("<circle cx='%.1f' cy='%.1f' r='4' fill='%s'/>%n", x, y, p.problems() > 0 ? "#d62728" : color));
        }
    }

    private void axes(int x0, String xLabel, String yLabel, double maxX, double maxY, boolean logY, double minY) {
        svg.append(f("<rect x='%d' y='%d' width='%d' height='%d' fill='none' stroke='#333'/>%n", x0, TOP, PANEL_W, PANEL_H));
        for (int i = 0; i <= 4; i++) {
            double x = x0 + i * PANEL_W / 4.0;
            svg.append(f("<text x='%.1f' y='%d' text-anchor='middle'>%s</text>%n", x, TOP + PANEL_H + 18, compact(maxX * i / 4)));
        }
        if (logY) {
            for (double v = minY; v <= maxY * 1.0001; v *= 10) {
                double y = TOP + PANEL_H - (Math.log10(v) - Math.log10(minY)) / (Math.log10(maxY) - Math.log10(minY)) * PANEL_H;
                svg.append(f("<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#eeeeee'/>%n", x0, y, x0 + PANEL_W, y));
                svg.append(f("<text x='%d' y='%.1f' text-anchor='end'>%s</text>%n", x0 - 6, y + 4, compact(v)));
            }
        } else {
            for (int i = 0; i <= 4; i++) {
                double y = TOP + PANEL_H - i * PANEL_H / 4.0;
                svg.append(f("<text x='%d' y='%.1f' text-anchor='end'>%s</text>%n", x0 - 6, y + 4, compact(maxY * i / 4)));
            }
        }
        svg.append(f("<text x='%d' y='%d' text-anchor='middle'>%s</text>%n", x0 + PANEL_W / 2, TOP + PANEL_H + 40, xLabel));
        svg.append(f("<text x='%d' y='%d' text-anchor='middle' transform='rotate(-90 %d %d)'>%s</text>%n",
                x0 - 52, TOP + PANEL_H / 2, x0 - 52, TOP + PANEL_H / 2, yLabel));
    }

    private void line(int x0, double xa, double ya, double xb, double yb, double maxX, double maxY, String color, String dash) {
        svg.append(f("<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='%s' stroke-dasharray='%s'/>%n",
                x0 + xa / maxX * PANEL_W, TOP + PANEL_H - ya / maxY * PANEL_H,
                x0 + xb / maxX * PANEL_W, TOP + PANEL_H - Math.min(yb, maxY) / maxY * PANEL_H, color, dash));
    }

    /** A round axis maximum: 1, 2 or 5 times a power of ten. */
    static double nice(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(v, 1e-9))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (v <= m * p) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String compact(double v) {
        if (v >= 1e6) {
            return f("%.1fM", v / 1e6).replace(".0M", "M");
        }
        if (v >= 1e3) {
            return f("%.0fk", v / 1e3);
        }
        if (v >= 1) {
            return f("%.0f", v);
        }
        return f("%s", (float) v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
