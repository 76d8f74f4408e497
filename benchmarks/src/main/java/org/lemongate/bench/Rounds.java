package org.lemongate.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Several rounds of the same measurements, each on fresh connections, summed up by their medians. One round's
 * figures depend on its connections (which server process serves them, on which core), so a single round can favour
 * one side; the median over rounds, shown next to each round's ratio, does not hang on one draw.
 */
final class Rounds {

    private final List<List<SideBySide.Row>> rounds = new ArrayList<>();

    /** Adds one round's rows; every round measures the same operations and contenders in the same order. */
    void add(List<SideBySide.Row> rows) {
        if (!rounds.isEmpty() && rounds.get(0).size() != rows.size()) {
            throw new IllegalArgumentException("a round measured " + rows.size() + " rows, the first "
                    + rounds.get(0).size());
        }
        rounds.add(List.copyOf(rows));
    }

    /** The Markdown table: medians over the rounds, and each round's p50 ratio. */
    String table() {
        StringBuilder b = new StringBuilder();
        b.append("| operation | implementation | n | p50 ms | p95 ms | p50 ratio | ratio per round | client CPU p50 ms |\n");
        b.append("|---|---|---:|---:|---:|---:|---|---:|\n");
        for (int i = 0; i < rounds.get(0).size(); i++) {
            int row = i;
            List<SideBySide.Row> same = rounds.stream().map(r -> r.get(row)).toList();
            SideBySide.Row first = same.get(0);
            int n = same.stream().mapToInt(SideBySide.Row::n).sum();
            String perRound = same.stream().map(r -> String.format(Locale.ROOT, "%.2f", r.ratio()))
                    .collect(Collectors.joining(" / "));
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2fx | %s | %.3f |%n",
                    first.operation(), first.contender(), n, median(same, SideBySide.Row::p50),
                    median(same, SideBySide.Row::p95), median(same, SideBySide.Row::ratio), perRound,
                    median(same, SideBySide.Row::cpuP50)));
        }
        return b.toString();
    }

    private static double median(List<SideBySide.Row> rows, ToDoubleFunction<SideBySide.Row> value) {
        double[] v = rows.stream().mapToDouble(value).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
