package uk.callretention.policy;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import uk.callretention.recording.Channel;

/**
 * Checks that a council's retention rules give every channel and team it records exactly one
 * period for each day from the day recording began onward: a gap would leave a recording
 * nobody knows how long to keep, an overlap would give it two answers.
 */
final class RetentionCoverage {

    /** A rule with the places in its file that its dates came from. */
    record DatedRule(RetentionRule rule, String field, PolicyValue from, Optional<PolicyValue> until) {
    }

    private record Finding(PolicyValue at, String message) {
    }

    private final PolicyValue retention;
    private final Map<Channel, Map<String, Team>> channels;
    // One mistake usually affects several channels and teams: reported once, naming them all.
    private final Map<Finding, Set<String>> findings = new LinkedHashMap<>();

    RetentionCoverage(PolicyValue retention, Map<Channel, Map<String, Team>> channels) {
        this.retention = retention;
        this.channels = channels;
    }

    void check(List<DatedRule> rules) {
        channels.forEach((channel, teams) -> teams.values().forEach(team -> check(rules, channel, team)));
        findings.forEach((finding, covered) -> finding.at().problem(finding.message() + " (for " + String.join(", ", covered) + ")"));
    }

    private void check(List<DatedRule> rules, Channel channel, Team team) {
        String covered = channel.id() + "/" + team.id();
        List<DatedRule> applicable = rules.stream()
                .filter(r -> r.rule().appliesTo(channel, team.id()))
                .sorted(Comparator.comparing(r -> r.rule().effectiveFrom()))
                .toList();
        if (applicable.isEmpty()) {
            note(retention, "no rule covers recordings made from " + team.recordingBegan() + ", when recording began", covered);
            return;
        }
        DatedRule first = applicable.get(0);
        if (first.rule().effectiveFrom().isAfter(team.recordingBegan())) {
            note(first.from(), "gap: no rule covers " + team.recordingBegan() + " (recording began) up to " + first.rule().effectiveFrom(), covered);
        }
        for (int i = 1; i < applicable.size(); i++) {
            DatedRule earlier = applicable.get(i - 1);
            LocalDate from = applicable.get(i).rule().effectiveFrom();
            Optional<LocalDate> earlierUntil = earlier.rule().effectiveUntil();
            if (earlierUntil.isEmpty()) {
                note(applicable.get(i).from(), "overlaps " + earlier.field() + ", which is open-ended", covered);
            } else if (earlierUntil.get().isAfter(from)) {
                note(applicable.get(i).from(), "overlaps " + earlier.field() + " from " + from + " up to " + earlierUntil.get(), covered);
            } else if (earlierUntil.get().isBefore(from)) {
                note(applicable.get(i).from(), "gap: no rule covers " + earlierUntil.get() + " up to " + from, covered);
            }
        }
        applicable.get(applicable.size() - 1).until().ifPresent(until -> note(until,
                "no rule covers recordings made from this date on: leave effectiveUntil out of the last rule", covered));
    }

    private void note(PolicyValue at, String message, String covered) {
        findings.computeIfAbsent(new Finding(at, message), f -> new TreeSet<>()).add(covered);
    }
}
