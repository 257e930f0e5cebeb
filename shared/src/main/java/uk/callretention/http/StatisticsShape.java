package uk.callretention.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.callretention.access.CouncilStatistics;
import uk.callretention.statistics.MonthlyStatistics;

/**
 * The statistics as the API answers them, in JSON or as CSV with one row per month, measure and breakdown; a
 * suppressed figure has no count and says so, in both.
 */
public final class StatisticsShape {

    static final String CSV_HEADER = "month,monthComplete,measure,breakdown,count,suppressed";

    private StatisticsShape() {
    }

    /** The report in the format it asked for. */
    public static Object of(CouncilStatistics.Report report) {
        return report.format() == CouncilStatistics.Format.CSV ? new ApiRoutes.Text("text/csv; charset=utf-8", csv(report)) : json(report);
    }

    static Map<String, Object> json(CouncilStatistics.Report report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("council", report.council());
        json.put("from", report.from().toString());
        json.put("to", report.to().toString());
        json.put("suppressedBelow", MonthlyStatistics.SMALLEST_SHOWN);
        List<Object> months = new ArrayList<>();
        for (MonthlyStatistics.Month month : report.months()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("month", month.month().toString());
            entry.put("daysCounted", month.daysCounted());
            entry.put("complete", month.complete());
            entry.put("figures", month.figures().stream().map(StatisticsShape::figure).toList());
            months.add(entry);
        }
        json.put("months", months);
        return json;
    }

    private static Map<String, Object> figure(MonthlyStatistics.Figure figure) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("measure", figure.measure().id());
        json.put("breakdown", figure.breakdown());
        if (figure.suppressed()) {
            json.put("suppressed", true);
        } else {
            json.put("count", figure.count().getAsLong());
        }
        return json;
    }

    /** Ids and numbers only, so no field needs quoting. */
    static String csv(CouncilStatistics.Report report) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append("\r\n");
        report.months().forEach(month -> month.figures().forEach(figure -> csv.append(month.month()).append(',').append(month.complete()).append(',')
                .append(figure.measure().id()).append(',').append(figure.breakdown()).append(',')
                .append(figure.suppressed() ? "" : Long.toString(figure.count().getAsLong())).append(',')
                .append(figure.suppressed()).append("\r\n")));
        return csv.toString();
    }
}
