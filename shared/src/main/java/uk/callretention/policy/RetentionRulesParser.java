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

    private record ChosenPeriod(RetentionClass retentionClass, Optional<SettablePeriod> settable) {
    }

    private final Optional<Map<Channel, Map<String, Team>>> covered;
    private final Map<String, String> settings;
    private final List<SettablePeriod> settable;
    private final Problems problems;

    /**
     * @param covered  what the council records, to check restrictions against; empty when that
     *                 part of the file is wrong (already reported), and then not checked against
     * @param settings deployment settings for periods a notice leaves to the council
     * @param settable receives each period read from a setting, for the compiled book to choose again when read
     */
    RetentionRulesParser(Optional<Map<Channel, Map<String, Team>>> covered, Map<String, String> settings,
            List<SettablePeriod> settable, Problems problems) {
        this.covered = covered;
        this.settings = settings;
        this.settable = settable;
        this.problems = problems;
    }

    Optional<List<RetentionRule>> parse(PolicyValue value) {
        return value.list().map(items -> {
            value.check(!items.isEmpty(), "must hold at least one rule");
            List<DatedRule> rules = new ArrayList<>();
            for (int index = 0; index < items.size(); index++) {
                rule(items.get(index), index).ifPresent(rules::add);
            }
            // Gaps and overlaps are only worth reporting once every rule reads correctly.
            if (rules.size() == items.size()) {
                covered.ifPresent(channels -> new RetentionCoverage(value, channels).check(rules));
            }
            return rules.stream().map(DatedRule::rule).toList();
        });
    }

    private Optional<DatedRule> rule(PolicyValue value, int index) {
        int before = problems.count();
        return value.fields().flatMap(fields -> {
            Optional<ChosenPeriod> period = fields.required("period").flatMap(v -> period(v, index));
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
            chosen.settable().ifPresent(settable::add);
            RetentionRule rule = new RetentionRule(chosen.retentionClass(), chosen.settable().map(SettablePeriod::setting),
                    fromDate.orElseThrow(), untilDate, channels, teams);
            return Optional.of(new DatedRule(rule, value.field(), from.orElseThrow(), until));
        });
    }

    /** A period written in the file ({@code P3M}), or a setting with a default where the notice gives no number. */
    private Optional<ChosenPeriod> period(PolicyValue value, int index) {
        if (!value.hasFields()) {
            return value.text().flatMap(text -> retentionClass(value, text)).map(fixed -> new ChosenPeriod(fixed, Optional.empty()));
        }
        return value.fields().flatMap(fields -> {
            Optional<PolicyValue> setting = fields.required("setting");
            Optional<String> name = setting.flatMap(v -> v.matching(SETTING_NAME, "an environment variable name such as RETENTION_PERIOD_ROTHERHAM"));
            Optional<RetentionClass> fallback = fields.required("default").flatMap(v -> v.text()
                    .flatMap(text -> retentionClass(v, text))
                    .filter(c -> v.check(RetentionClass.SETTABLE.contains(c), "'" + c + "' is not one of the settable periods " + SettablePeriod.ALLOWED)));
            fields.reportUnknownFields();
            if (!allPresent(name, fallback)) {
                return Optional.empty();
            }
            PolicyValue at = setting.orElseThrow();
            SettablePeriod fromSetting =
                    new SettablePeriod(index, name.orElseThrow(), fallback.orElseThrow(), problems.file(), at.line(), at.field());
            return fromSetting.choose(settings, problems).map(chosen -> new ChosenPeriod(chosen, Optional.of(fromSetting)));
        });
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
