package uk.callretention.policy;

import java.time.LocalDate;
import java.time.Period;
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
 * @param maxHoldReviewInterval how far ahead a hold's review date may be set: every hold is looked at again within it
 * @param trainingCopies how long the training copies made of its recordings are kept, and how their cuts sound
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
        Period maxHoldReviewInterval,
        Playback playback,
        List<String> legalBases,
        TrainingCopies trainingCopies) {

    /** Where a file says nothing: a hold is reviewed at least once a year. */
    public static final Period DEFAULT_MAX_HOLD_REVIEW_INTERVAL = Period.ofMonths(12);
    /** The longest a file may set: a hold left unreviewed longer is a recording kept without anyone deciding so. */
    public static final Period LONGEST_MAX_HOLD_REVIEW_INTERVAL = Period.ofMonths(24);

    public CouncilPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(playback, "playback");
        Objects.requireNonNull(maxHoldReviewInterval, "maxHoldReviewInterval");
        Objects.requireNonNull(trainingCopies, "trainingCopies");
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

    /** Whether its notice lets recordings be used for training, so that training copies may be made of them. */
    public boolean allowsTraining() {
        return purposes.contains(Purpose.TRAINING);
    }

    /** The latest review date a hold placed today may have. */
    public LocalDate latestHoldReview(LocalDate today) {
        return today.plus(maxHoldReviewInterval);
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
