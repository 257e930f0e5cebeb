package uk.callretention.bench.harness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The arithmetic of the report: medians of runs and ratios of medians. */
final class Stats {

    private Stats() {
    }

    /** The middle value; for an even count, the mean of the two middle ones. NaN for none. */
    static double median(Collection<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.removeIf(value -> value == null || value.isNaN());
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** {@code part / whole}, NaN when the whole is zero or either is unknown. */
    static double ratio(double part, double whole) {
        return whole == 0 || Double.isNaN(part) || Double.isNaN(whole) ? Double.NaN : part / whole;
    }
}
