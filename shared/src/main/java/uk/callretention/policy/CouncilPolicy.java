package uk.callretention.policy;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import uk.callretention.recording.Channel;

/**
 * What one council's privacy notice requires, as read from {@code policies/<id>.yaml}.
 *
 * @param channels the channels it records and, for each, the teams covered, by team id
 * @param retention its retention rules; for every channel and team they cover each day from
 *                  recording began onward exactly once (checked when the file is read)
 */
public record CouncilPolicy(
        String id,
        String name,
        int version,
        Notice notice,
        Map<Channel, Map<String, Team>> channels,
        List<RetentionRule> retention,
        Set<Purpose> purposes,
        Set<HoldReason> holdReasons,
        Playback playback,
        List<String> legalBases) {

    public CouncilPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(playback, "playback");
        Map<Channel, Map<String, Team>> covered = new EnumMap<>(Channel.class);
        channels.forEach((channel, teams) -> covered.put(channel, Map.copyOf(teams)));
        channels = Collections.unmodifiableMap(covered);
        retention = List.copyOf(retention);
        purposes = Collections.unmodifiableSet(purposes.isEmpty() ? EnumSet.noneOf(Purpose.class) : EnumSet.copyOf(purposes));
        holdReasons = Collections.unmodifiableSet(
                holdReasons.isEmpty() ? EnumSet.noneOf(HoldReason.class) : EnumSet.copyOf(holdReasons));
        legalBases = List.copyOf(legalBases);
    }

    /** Names this version of the policy on every recording classified under it, e.g. {@code south-hams@1}. */
    public String ref() {
        return id + "@" + version;
    }

    public Optional<Team> team(Channel channel, String teamId) {
        return Optional.ofNullable(channels.getOrDefault(channel, Map.of()).get(teamId));
    }

    /** The rule for a recording of that channel and team made on that UK date, if any covers it. */
    public Optional<RetentionRule> ruleInForce(Channel channel, String teamId, LocalDate recordedOn) {
        return retention.stream()
                .filter(rule -> rule.appliesTo(channel, teamId) && rule.inForceOn(recordedOn))
                .findFirst();
    }
}
