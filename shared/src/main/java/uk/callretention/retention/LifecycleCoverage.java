package uk.callretention.retention;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.callretention.policy.RetentionClass;
import uk.callretention.recording.RecordingClassifier;
import uk.callretention.recording.RecordingTags;

/**
 * Checks the bucket's lifecycle rules, the backstop that deletes even when every function is down, against the
 * retention classes the policies can give: one rule per class (and for quarantine), none for held recordings, and
 * no rule that could delete early.
 *
 * <p>A rule counts whole days from upload and S3 rounds up to the next midnight UTC, so a rule of the class's
 * longest calendar span ({@link RetentionClass#longestSpanDays()}) never deletes before the expiry date, even across
 * a change to or from British Summer Time. Each rule waits {@value #MARGIN_DAYS} days more, so that the sweep, which
 * writes the tombstone and the audit event, always goes first unless it has missed two daily runs.
 */
public final class LifecycleCoverage {

    public static final int MARGIN_DAYS = 2;

    /** A lifecycle rule that expires objects carrying {@code retention=<retentionTag>} after {@code days}. */
    public record Rule(String id, String retentionTag, int days) {
    }

    private LifecycleCoverage() {
    }

    /** The lifecycle rule the bucket needs for each retention tag value, quarantine included: tag value to days. */
    public static Map<String, Integer> required(Collection<RetentionClass> classes) {
        Map<String, Integer> required = new TreeMap<>();
        classes.forEach(c -> required.put(c.id(), c.longestSpanDays() + MARGIN_DAYS));
        required.put(RecordingTags.QUARANTINE_CLASS,
                new RetentionClass(RecordingClassifier.QUARANTINE_PERIOD).longestSpanDays() + MARGIN_DAYS);
        return required;
    }

    /** @return one line per problem; empty when the rules cover every class safely */
    public static List<String> problems(Collection<RetentionClass> classes, List<Rule> rules) {
        List<String> problems = new ArrayList<>();
        required(classes).forEach((tag, days) -> {
            List<Rule> matching = rules.stream().filter(r -> r.retentionTag().equals(tag)).toList();
            if (matching.isEmpty()) {
                problems.add("no lifecycle rule expires retention=" + tag + ": add one with ExpirationInDays " + days);
            }
            matching.stream().filter(r -> r.days() < days).forEach(r -> problems.add("lifecycle rule " + r.id() + " expires retention="
                    + tag + " after " + r.days() + " days; it needs at least " + days + " (" + (days - MARGIN_DAYS)
                    + " days, the longest the class can keep a recording, plus a margin of " + MARGIN_DAYS + " for the sweep)"));
        });
        rules.stream().filter(r -> r.retentionTag().equals(Hold.RETENTION_TAG)).forEach(r -> problems.add(
                "lifecycle rule " + r.id() + " expires held recordings (retention=" + Hold.RETENTION_TAG + "); no rule may"));
        return problems;
    }
}
