package uk.callretention.bench.harness;

import java.util.List;
import java.util.Locale;

/**
 * The printed tables, in Markdown so the lead can paste them into the README: medians of each side's runs, and
 * project/naive ratios of those medians.
 */
final class Report {

    private Report() {
    }

    static final String COLD_HEADER = """
            | function | handler | wall ms | JVM uptime ms | CPU ms | peak RSS MB | classes | jar MB |
            |---|---|---:|---:|---:|---:|---:|---:|""";

    static final String PRIMED_HEADER = """
            | function | project init ms | hooks ms | project first ms | project warm ms | first / warm | naive first ms | naive warm ms | primed first / naive first |
            |---|---:|---:|---:|---:|---:|---:|---:|---:|""";

    /** Three rows for one function: the project, its naive baseline, and project / naive. */
    static String cold(String function, List<Jvm.Run> project, List<Jvm.Run> naive, long projectJarBytes, long naiveJarBytes) {
        double[] p = coldMedians(project, projectJarBytes);
        double[] n = coldMedians(naive, naiveJarBytes);
        double[] ratio = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            ratio[i] = Stats.ratio(p[i], n[i]);
        }
        return row(function, "project", p, "%.0f", "%.0f", "%.0f", "%.1f", "%.0f", "%.1f") + "\n"
                + row(function, "naive", n, "%.0f", "%.0f", "%.0f", "%.1f", "%.0f", "%.1f") + "\n"
                + row(function, "**project / naive**", ratio, "**%.2f**", "%.2f", "%.2f", "%.2f", "%.2f", "%.2f");
    }

    /** wall, uptime, CPU, peak RSS (MB), classes, jar (MB). */
    static double[] coldMedians(List<Jvm.Run> runs, long jarBytes) {
        return new double[] {
                Stats.median(runs.stream().map(Jvm.Run::wallMs).toList()),
                median(runs, "uptimeMs"),
                median(runs, "cpuMs"),
                median(runs, "peakRssKb") / 1024,
                median(runs, "classes"),
                jarBytes / (1024.0 * 1024.0)};
    }

    static String primed(String function, List<Jvm.Run> project, List<Jvm.Run> naive) {
        double projectFirst = median(project, "firstMs");
        double projectWarm = median(project, "warmMs");
        double naiveFirst = median(naive, "firstMs");
        return String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f |", function, median(project, "initMs"),
                median(project, "hooksMs"), projectFirst, projectWarm, Stats.ratio(projectFirst, projectWarm), naiveFirst, median(naive, "warmMs"),
                Stats.ratio(projectFirst, naiveFirst));
    }

    static double median(List<Jvm.Run> runs, String figure) {
        return Stats.median(runs.stream().map(run -> run.figures().getOrDefault(figure, Double.NaN)).toList());
    }

    private static String row(String function, String handler, double[] values, String... formats) {
        StringBuilder row = new StringBuilder("| ").append(function).append(" | ").append(handler).append(" |");
        for (int i = 0; i < values.length; i++) {
            row.append(' ').append(String.format(Locale.ROOT, formats[i], values[i])).append(" |");
        }
        return row.toString();
    }
}
