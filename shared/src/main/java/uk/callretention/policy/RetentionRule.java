package uk.callretention.policy;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import uk.callretention.recording.Channel;

/**
 * One retention period of a council, in force for recordings made (UK date) from
 * {@code effectiveFrom} up to but not including {@code effectiveUntil}.
 *
 * @param setting  the deployment setting the period was read from, when the notice publishes no number
 * @param channels the channels it applies to; empty means every channel the council records
 * @param teams    the teams it applies to; empty means every team
 */
public record RetentionRule(
        RetentionClass period,
        Optional<String> setting,
        LocalDate effectiveFrom,
        Optional<LocalDate> effectiveUntil,
        Set<Channel> channels,
        Set<String> teams) {

    public RetentionRule {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(effectiveUntil, "effectiveUntil");
        channels = Set.copyOf(channels);
        teams = Set.copyOf(teams);
    }

    public boolean appliesTo(Channel channel, String teamId) {
        return (channels.isEmpty() || channels.contains(channel)) && (teams.isEmpty() || teams.contains(teamId));
    }

    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(effectiveFrom) && effectiveUntil.map(day::isBefore).orElse(true);
    }
}
