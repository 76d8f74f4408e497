package org.lemongate.compare;

import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * A horizontal bar chart as inline SVG: one bar per client, labelled with its value. Presentation attributes only
 * (no style attributes, no script), so the page keeps a strict Content-Security-Policy.
 */
final class BarChart {

    private static final int LABEL_WIDTH = 80;
    private static final int BAR_AREA = 300;
    private static final int VALUE_WIDTH = 110;
    private static final int ROW = 22;
    private static final String[] COLOURS = {"#6b7280", "#2563eb", "#d97706", "#059669", "#9333ea"};

    private BarChart() {
    }

    /**
     * A bar per entry; entries without a value (empty label) are drawn as "n/a".
     *
     * @param title  the chart's title, also its accessible name
     * @param bars   client names and values; a negative value means not available
     * @param format how a value is written next to its bar
     */
    static String svg(String title, List<Bar> bars, LongFunction<String> format) {
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        int width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
        int height = ROW * bars.size() + 26;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", width, height, width, height,
                Html.escape(title)));
        svg.append("<text x=\"0\" y=\"14\" font-size=\"13\" font-weight=\"bold\" font-family=\"sans-serif\">")
                .append(Html.escape(title)).append("</text>");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 22 + i * ROW;
            svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\" font-family=\"sans-serif\">"
                    + "%s</text>", y + 14, Html.escape(bar.client())));
            if (bar.value() < 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#6b7280\" "
                        + "font-family=\"sans-serif\">n/a</text>", LABEL_WIDTH, y + 14));
                continue;
            }
            long length = Math.max(1, Math.round((double) bar.value() / max * BAR_AREA));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"%s\"/>",
                    LABEL_WIDTH, y + 2, length, COLOURS[i % COLOURS.length]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" font-family=\"sans-serif\">"
                    + "%s</text>", LABEL_WIDTH + length + 6, y + 14, Html.escape(format.apply(bar.value()))));
        }
        return svg.append("</svg>").toString();
    }

    /**
     * One bar.
     *
     * @param client the client's name
     * @param value  the value, or -1 when the client has none
     */
    record Bar(String client, long value) {
    }
}
