package uk.callretention.recording;

import static uk.callretention.policy.RetentionSchedule.UK;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import uk.callretention.policy.RetentionDecision;

/**
 * Turns an upload into its catalogue entry: classified under its council's rule, or quarantined with the reason.
 * Checks run cheapest first, so a key that does not parse costs no read of the object's bytes.
 */
public final class RecordingClassifier {

    /** How long a quarantined upload is kept for someone to look at before it is deleted like any other. */
    public static final Period QUARANTINE_PERIOD = Period.ofDays(30);

    static final String RECORDED_AT = "recorded-at";
    static final String CALLER = "caller";
    static final String AGENT = "agent";
    static final String DIRECTION = "direction";

    /** The policy engine's question: which rule, and so which expiry date, applies to this recording. */
    @FunctionalInterface
    public interface RetentionRules {
        RetentionDecision decide(String councilId, String teamId, String channelId, Instant recordedAt);
    }

    private final RetentionRules rules;
    private final CallerHash callerHash;

    public RecordingClassifier(RetentionRules rules, CallerHash callerHash) {
        this.rules = rules;
        this.callerHash = callerHash;
    }

    /**
     * @param readFirstBytes reads up to that many bytes of the object; called at most once, only when the key and
     *                       size leave the content to check
     */
    public CatalogueEntry classify(String objectKey, StoredObject object, String ordering, IntFunction<byte[]> readFirstBytes, Instant now) {
        Draft draft = new Draft(objectKey, object, ordering, now);
        draft.describe(object.metadata(), callerHash);
        Optional<RecordingKey> parsed = RecordingKey.parse(objectKey);
        if (parsed.isEmpty()) {
            // Filed under the council the key still names, so that council's DPO sees it before it is deleted.
            draft.council = RecordingKey.councilNamedBy(objectKey).orElse(null);
            return draft.quarantine(QuarantineReason.KEY_UNPARSEABLE, "the key does not follow " + RecordingKey.layout());
        }
        RecordingKey key = parsed.get();
        draft.place(key);
        Optional<Channel> channel = Channel.fromId(key.channel());
        if (channel.isEmpty()) {
            return draft.quarantine(QuarantineReason.UNKNOWN_CHANNEL, "no channel '" + key.channel() + "'");
        }
        if (!channel.get().accepts(key.extension())) {
            return draft.quarantine(QuarantineReason.CONTENT_MISMATCH, "a " + key.channel() + " recording cannot be ." + key.extension());
        }
        if (object.size() == 0) {
            return draft.quarantine(QuarantineReason.EMPTY_OBJECT, "the upload has no bytes");
        }
        byte[] head = readFirstBytes.apply(ContentCheck.BYTES_NEEDED);
        if (!ContentCheck.matches(key.extension(), head)) {
            return draft.quarantine(QuarantineReason.CONTENT_MISMATCH, "the bytes are not " + key.extension());
        }
        if (key.extension().equals("wav")) {
            draft.duration = WaveHeader.duration(head, object.size()).orElse(null);
        }
        Instant recordedAt;
        String declared = object.metadata().get(RECORDED_AT);
        if (declared == null) {
            recordedAt = key.ukDate().atStartOfDay(UK).toInstant();
        } else {
            try {
                recordedAt = Instant.parse(declared);
            } catch (DateTimeException e) {
                return draft.quarantine(QuarantineReason.DATE_MISMATCH, "recorded-at is not an ISO-8601 instant");
            }
            LocalDate ukDate = recordedAt.atZone(UK).toLocalDate();
            if (!ukDate.equals(key.ukDate())) {
                return draft.quarantine(QuarantineReason.DATE_MISMATCH,
                        "recorded-at falls on " + ukDate + " (UK) but the key says " + key.ukDate());
            }
        }
        draft.recordedAt = recordedAt;
        RetentionDecision decision = rules.decide(key.council(), key.team(), key.channel(), recordedAt);
        if (decision instanceof RetentionDecision.Retain retain) {
            return draft.classify(retain);
        }
        RetentionDecision.Quarantine quarantine = (RetentionDecision.Quarantine) decision;
        return draft.quarantine(quarantine.reason(), quarantine.detail());
    }

    /** What is known of the upload so far; both outcomes carry all of it. */
    private static final class Draft {
        private final String objectKey;
        private final StoredObject object;
        private final String ordering;
        private final Instant now;
        private String council;
        private String team;
        private String channel;
        private Instant recordedAt;
        private LocalDate recordedOn;
        private String callerHash;
        private String agent;
        private String direction;
        private Duration duration;

        Draft(String objectKey, StoredObject object, String ordering, Instant now) {
            this.objectKey = objectKey;
            this.object = object;
            this.ordering = ordering;
            this.now = now;
        }

        void describe(Map<String, String> metadata, CallerHash hash) {
            callerHash = hash.of(metadata.get(CALLER)).orElse(null);
            agent = metadata.get(AGENT);
            String declaredDirection = metadata.get(DIRECTION);
            direction = "inbound".equals(declaredDirection) || "outbound".equals(declaredDirection) ? declaredDirection : null;
        }

        void place(RecordingKey key) {
            council = key.council();
            team = key.team();
            channel = key.channel();
            recordedOn = key.ukDate();
        }

        CatalogueEntry classify(RetentionDecision.Retain retain) {
            return entry(RecordingState.ACTIVE, retain.recordedOn(), retain.retentionClass(), retain.expiresOn(), retain.policyRef(), null, null);
        }

        CatalogueEntry quarantine(QuarantineReason reason, String detail) {
            LocalDate uploadedOn = object.lastModified().atZone(UK).toLocalDate();
            return entry(RecordingState.QUARANTINED, recordedOn, RecordingTags.QUARANTINE_CLASS, uploadedOn.plus(QUARANTINE_PERIOD),
                    null, reason.code(), detail);
        }

        private CatalogueEntry entry(RecordingState state, LocalDate on, String retentionClass, LocalDate expiresOn,
                                     String policyRef, String reason, String detail) {
            return new CatalogueEntry(RecordingId.forKey(objectKey), objectKey, object.versionId(), ordering, state,
                    council, team, channel, recordedAt, on, retentionClass, expiresOn, policyRef,
                    callerHash, agent, direction, object.contentType(), object.size(), duration, reason, detail, now, null);
        }
    }
}
