package uk.callretention.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import uk.callretention.policy.RetentionDecision.Quarantine;
import uk.callretention.policy.RetentionDecision.Retain;
import uk.callretention.recording.Channel;
import uk.callretention.recording.QuarantineReason;

/**
 * Decides how long each recording is kept: the councils' retention schedule.
 *
 * <p>Dates are UK dates: a recording's date is its instant in Europe/London, so 23:30 UTC on
 * 31 March 2025 (BST) was recorded on 1 April. The rule in force is the one whose effective
 * dates contain that date. The day of recording is the first day of retention, and the
 * recording is due for deletion on {@code expiresOn = recordedOn + period} in calendar
 * arithmetic (31 January + P1M = 28 February, or 29 in a leap year): it is kept on every day
 * before {@code expiresOn} and on none from it.
 *
 * <p>A recording stamped more than {@link #CLOCK_SKEW} after this clock's now is quarantined
 * as recorded in the future; within that it is accepted, since the contact-centre platform's
 * clock and ours may differ by a little.
 */
public final class RetentionSchedule {

    public static final ZoneId UK = ZoneId.of("Europe/London");
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final PolicyBook policies;
    private final Clock clock;

    public RetentionSchedule(PolicyBook policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    public RetentionDecision decide(String councilId, String teamId, String channelId, Instant recordedAt) {
        Optional<CouncilPolicy> council = policies.council(councilId);
        if (council.isEmpty()) {
            return new Quarantine(QuarantineReason.UNKNOWN_COUNCIL, "no policy for council '" + councilId + "'");
        }
        CouncilPolicy policy = council.get();
        Optional<Channel> channel = Channel.fromId(channelId).filter(policy.channels()::containsKey);
        if (channel.isEmpty()) {
            return new Quarantine(QuarantineReason.UNKNOWN_CHANNEL, policy.id() + " does not record channel '" + channelId + "'");
        }
        Optional<Team> team = policy.team(channel.get(), teamId);
        if (team.isEmpty()) {
            return new Quarantine(QuarantineReason.UNKNOWN_TEAM,
                    policy.id() + " records no team '" + teamId + "' on " + channel.get().id());
        }
        Instant latest = clock.instant().plus(CLOCK_SKEW);
        if (recordedAt.isAfter(latest)) {
            return new Quarantine(QuarantineReason.RECORDED_IN_FUTURE, "recorded at " + recordedAt + ", after " + latest);
        }
        LocalDate recordedOn = LocalDate.ofInstant(recordedAt, UK);
        if (recordedOn.isBefore(team.get().recordingBegan())) {
            return new Quarantine(QuarantineReason.BEFORE_RECORDING_BEGAN, "recorded on " + recordedOn + " but "
                    + policy.id() + " " + teamId + " began recording " + channel.get().id() + " on " + team.get().recordingBegan());
        }
        RetentionRule rule = policy.ruleInForce(channel.get(), teamId, recordedOn)
                .orElseThrow(() -> new IllegalStateException("validated policy " + policy.ref() + " has no rule for " + recordedOn));
        return new Retain(policy.id(), teamId, channel.get(), recordedOn, rule.period().id(),
                rule.period().expiresOn(recordedOn), policy.ref());
    }

    /**
     * A training copy made on {@code madeOn} (a UK date) of one of the council's recordings: kept for the council's own
     * training-copy period from that day, whatever the channel's rules say, as it holds no caller's personal details.
     */
    public RetentionDecision decideTrainingCopy(String councilId, String teamId, Channel channel, LocalDate madeOn) {
        Optional<CouncilPolicy> council = policies.council(councilId);
        if (council.isEmpty()) {
            return new Quarantine(QuarantineReason.UNKNOWN_COUNCIL, "no policy for council '" + councilId + "'");
        }
        RetentionClass period = council.get().trainingCopies().period();
        return new Retain(councilId, teamId, channel, madeOn, period.id(), period.expiresOn(madeOn), council.get().ref());
    }
}
