package uk.callretention.policy;

import static uk.callretention.policy.CouncilPolicyParser.CHANNELS;
import static uk.callretention.policy.CouncilPolicyParser.allPresent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import uk.callretention.policy.RetentionCoverage.DatedRule;
import uk.callretention.recording.Channel;

/**
 * Reads a council's {@code retention} list: each rule's period (written, or a deployment
 * setting where the notice gives no number), its effective dates and any restriction to
 * channels and teams; then checks the rules cover every team without gap or overlap.
 */
final class RetentionRulesParser {

    private static final Pattern SETTING_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final String SETTABLE =
            RetentionClass.SETTABLE.stream().map(RetentionClass::id).collect(Collectors.joining(", "));

    private record ChosenPeriod(RetentionClass retentionClass, Optional<String> setting) {
    }

    private final Optional<Map<Channel, Map<String, Team>>> covered;
    private final Map<String, String> settings;
    private final Problems problems;

    /**
     * @param covered  what the council records, to check restrictions against; empty when that
     *                 part of the file is wrong (already reported), and then not checked against
     * @param settings deployment settings for periods a notice leaves to the council
     */
    RetentionRulesParser(Optional<Map<Channel, Map<String, Team>>> covered, Map<String, String> settings, Problems problems) {
        this.covered = covered;
        this.settings = settings;
        this.problems = problems;
    }

    Optional<List<RetentionRule>> parse(PolicyValue value) {
        return value.list().map(items -> {
            value.check(!items.isEmpty(), "must hold at least one rule");
            List<DatedRule> rules = new ArrayList<>();
            for (PolicyValue item : items) {
                rule(item).ifPresent(rules::add);
            }
            // Gaps and overlaps are only worth reporting once every rule reads correctly.
            if (rules.size() == items.size()) {
                covered.ifPresent(channels -> new RetentionCoverage(value, channels).check(rules));
            }
            return rules.stream().map(DatedRule::rule).toList();
        });
    }

    private Optional<DatedRule> rule(PolicyValue value) {
        int before = problems.count();
        return value.fields().flatMap(fields -> {
            Optional<ChosenPeriod> period = fields.required("period").flatMap(this::period);
            Optional<PolicyValue> from = fields.required("effectiveFrom");
            Optional<LocalDate> fromDate = from.flatMap(PolicyValue::date);
            Optional<PolicyValue> until = fields.optional("effectiveUntil");
            Optional<LocalDate> untilDate = until.flatMap(PolicyValue::date);
            Set<Channel> channels = fields.optional("channels").map(this::channelRestriction).orElse(Set.of());
            Set<String> teams = fields.optional("teams").map(v -> teamRestriction(v, channels)).orElse(Set.of());
            fields.reportUnknownFields();
            if (allPresent(fromDate, untilDate)) {
                until.orElseThrow().check(untilDate.orElseThrow().isAfter(fromDate.orElseThrow()),
                        "must be after effectiveFrom " + fromDate.orElseThrow());
            }
            if (problems.count() > before) {
                return Optional.empty();
            }
            ChosenPeriod chosen = period.orElseThrow();
            RetentionRule rule = new RetentionRule(
                    chosen.retentionClass(), chosen.setting(), fromDate.orElseThrow(), untilDate, channels, teams);
            return Optional.of(new DatedRule(rule, value.field(), from.orElseThrow(), until));
        });
    }

    /** A period written in the file ({@code P3M}), or a setting with a default where the notice gives no number. */
    private Optional<ChosenPeriod> period(PolicyValue value) {
        if (!value.hasFields()) {
            return value.text().flatMap(text -> retentionClass(value, text)).map(fixed -> new ChosenPeriod(fixed, Optional.empty()));
        }
        return value.fields().flatMap(fields -> {
            Optional<PolicyValue> setting = fields.required("setting");
            Optional<String> name = setting.flatMap(v -> v.matching(SETTING_NAME, "an environment variable name such as RETENTION_PERIOD_ROTHERHAM"));
            Optional<RetentionClass> fallback = fields.required("default").flatMap(v -> v.text()
                    .flatMap(text -> retentionClass(v, text))
                    .filter(c -> v.check(RetentionClass.SETTABLE.contains(c), "'" + c + "' is not one of the settable periods " + SETTABLE)));
            fields.reportUnknownFields();
            if (!allPresent(name, fallback)) {
                return Optional.empty();
            }
            return configured(setting.orElseThrow(), name.orElseThrow(), fallback.orElseThrow())
                    .map(chosen -> new ChosenPeriod(chosen, name));
        });
    }

    /** Unset or blank means the default: deployment tools pass an empty value for a parameter left unset. */
    private Optional<RetentionClass> configured(PolicyValue at, String setting, RetentionClass fallback) {
        String value = settings.get(setting);
        if (value == null || value.isBlank()) {
            return Optional.of(fallback);
        }
        Optional<RetentionClass> chosen =
                RetentionClass.SETTABLE.stream().filter(c -> c.id().equals(value.strip())).findFirst();
        at.check(chosen.isPresent(), "the setting " + setting + " is '" + value + "'; it must be one of " + SETTABLE);
        return chosen;
    }

    private static Optional<RetentionClass> retentionClass(PolicyValue at, String text) {
        try {
            return Optional.of(RetentionClass.of(text));
        } catch (IllegalArgumentException e) {
            at.problem(e.getMessage());
            return Optional.empty();
        }
    }

    private Set<Channel> channelRestriction(PolicyValue value) {
        Set<Channel> chosen = EnumSet.noneOf(Channel.class);
        value.list().ifPresent(items -> {
            value.check(!items.isEmpty(), "must not be empty: leave it out to cover every channel");
            for (PolicyValue item : items) {
                item.oneOf("channel", Channel::fromId, CHANNELS)
                        .filter(channel -> item.check(records(channel), "this council does not record " + channel.id()))
                        .ifPresent(chosen::add);
            }
        });
        return chosen;
    }

    private Set<String> teamRestriction(PolicyValue value, Set<Channel> channels) {
        String on = channels.isEmpty() ? "" : " on " + channels.stream().map(Channel::id).collect(Collectors.joining(", "));
        Set<String> chosen = new LinkedHashSet<>();
        value.list().ifPresent(items -> {
            value.check(!items.isEmpty(), "must not be empty: leave it out to cover every team");
            for (PolicyValue item : items) {
                item.id()
                        .filter(team -> item.check(hasTeam(channels, team), "unknown team '" + team + "'" + on))
                        .ifPresent(chosen::add);
            }
        });
        return chosen;
    }

    private boolean records(Channel channel) {
        return covered.map(channels -> channels.containsKey(channel)).orElse(true);
    }

    /** @param channels the rule's channels; empty for all */
    private boolean hasTeam(Set<Channel> channels, String team) {
        return covered.map(recorded -> recorded.entrySet().stream()
                        .anyMatch(e -> (channels.isEmpty() || channels.contains(e.getKey())) && e.getValue().containsKey(team)))
                .orElse(true);
    }
}
