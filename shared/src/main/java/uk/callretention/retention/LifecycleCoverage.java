package uk.callretention.retention;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
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
 *
 * <p>Behind them all, a catch-all rule with no filter expires whatever no tag rule matched (an upload never tagged)
 * {@value #CATCH_ALL_MARGIN_DAYS} days after the longest of them, so nothing outlives its class's longest period
 * and the margin unless held: a legal hold keeps a version through it.
 */
public final class LifecycleCoverage {

    public static final int MARGIN_DAYS = 2;
    /** How much longer than the longest tag rule the catch-all waits, so a tagged recording always meets its own rule first. */
    public static final int CATCH_ALL_MARGIN_DAYS = 7;

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

    /** The fewest days the catch-all rule may wait: the longest rule any class or quarantine needs, plus the margin. */
    public static int catchAllDays(Collection<RetentionClass> classes) {
        return Collections.max(required(classes).values()) + CATCH_ALL_MARGIN_DAYS;
    }

    /**
     * @param catchAll the catch-all rule's days; empty when the bucket has none
     * @return one line per problem; empty when the catch-all waits longer than every class's rule, as required and as
     *         declared
     */
    public static List<String> catchAllProblems(Collection<RetentionClass> classes, List<Rule> rules, OptionalInt catchAll) {
        int needed = catchAllDays(classes);
        if (catchAll.isEmpty()) {
            return List.of("no catch-all lifecycle rule: add one without a filter, with ExpirationInDays " + needed);
        }
        List<String> problems = new ArrayList<>();
        int days = catchAll.getAsInt();
        if (days < needed) {
            problems.add("the catch-all lifecycle rule expires after " + days + " days; it needs at least " + needed + " ("
                    + (needed - CATCH_ALL_MARGIN_DAYS) + ", the longest class rule, plus " + CATCH_ALL_MARGIN_DAYS + ")");
        }
        rules.stream().filter(r -> r.days() >= days).forEach(r -> problems.add("lifecycle rule " + r.id() + " expires after " + r.days()
                + " days, no sooner than the catch-all's " + days + ": a recording of that class would meet the catch-all first"));
        return problems;
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
