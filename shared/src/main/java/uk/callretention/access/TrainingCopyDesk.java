package uk.callretention.access;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditLog;
import uk.callretention.policy.CouncilPolicy;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.Purpose;
import uk.callretention.policy.RetentionDecision;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.Channel;
import uk.callretention.recording.RecordingId;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingTags;
import uk.callretention.recording.TrainingCopyKey;
import uk.callretention.recording.WaveHeader;
import uk.callretention.training.ChatTrainingCopy;
import uk.callretention.training.CutFill;
import uk.callretention.training.Mp3Cutter;
import uk.callretention.training.TrainingCopyRefused;
import uk.callretention.training.WavCutter;

/**
 * Makes a training copy of a recording for a manager of its team or the council's DPO: a new recording with the named
 * ranges (or messages, and always a web chat's phone numbers, e-mail addresses, card numbers and postcodes) cut out.
 * It carries nothing of the caller (no caller hash, agent, direction or call id), is kept for the council's
 * training-copy period from the day it is made, and is catalogued under the source's team with the source's id. The
 * source, its object and its expiry are not touched.
 *
 * <p>Each step leaves nothing that claims more than happened. The source's event is written pending before the source
 * is read; the copy's own event pending before anything is stored; then the object, already tagged with its class and
 * expiry (so if nothing follows, the lifecycle rule of its class still deletes it); then its catalogue entry, which so
 * never names an object that was not written; then both events are completed.
 */
public final class TrainingCopyDesk {

    /** The function holds the source and the copy in memory at once: a WAV up to this size in 2 GB. */
    public static final long MAX_WAV_BYTES = 256L * 1024 * 1024;
    /** An MP3 decodes to about eleven times its size (16-bit PCM at 44.1 kHz stereo against 128 kbit/s). */
    public static final long MAX_MP3_BYTES = 20L * 1024 * 1024;
    public static final long MAX_TRANSCRIPT_BYTES = 4L * 1024 * 1024;

    private final RecordingScope scope;
    private final TrainingCopyStore store;
    private final RetentionSchedule schedule;
    private final AccessAudit audit;
    private final Supplier<String> copyIds;
    private final Clock clock;

    public TrainingCopyDesk(PolicyBook policies, AccessCatalogue catalogue, TrainingCopyStore store, AuditLog log, Clock clock) {
        this(policies, catalogue, store, log, () -> UUID.randomUUID().toString(), clock);
    }

    TrainingCopyDesk(PolicyBook policies, AccessCatalogue catalogue, TrainingCopyStore store, AuditLog log, Supplier<String> copyIds,
                     Clock clock) {
        this.scope = new RecordingScope(policies, catalogue::find);
        this.store = store;
        this.schedule = new RetentionSchedule(policies, clock);
        this.audit = new AccessAudit(log);
        this.copyIds = copyIds;
        this.clock = clock;
    }

    /** What the source is, as its key's file type says: how it is cut, and what the copy is stored as. */
    private enum Source {
        WAV("WAV recording", MAX_WAV_BYTES, "wav", "audio/wav"),
        MP3("MP3 recording", MAX_MP3_BYTES, "wav", "audio/wav"),
        TRANSCRIPT("web chat transcript", MAX_TRANSCRIPT_BYTES, "json", "application/json");

        final String kind;
        final long maxBytes;
        final String copyExtension;
        final String copyContentType;

        Source(String kind, long maxBytes, String copyExtension, String copyContentType) {
            this.kind = kind;
            this.maxBytes = maxBytes;
            this.copyExtension = copyExtension;
            this.copyContentType = copyContentType;
        }

        static Optional<Source> of(CatalogueEntry entry) {
            return switch (RecordingMedia.toPlay(entry).contentType()) {
                case "audio/wav" -> Optional.of(WAV);
                case "audio/mpeg" -> Optional.of(MP3);
                case "application/json" -> Optional.of(TRANSCRIPT);
                default -> Optional.empty();
            };
        }

        byte[] cut(byte[] source, TrainingCopyRequest request, CutFill fill) {
            return switch (this) {
                case WAV -> WavCutter.cut(source, request.cut(), fill);
                case MP3 -> Mp3Cutter.cut(source, request.cut(), fill);
                case TRANSCRIPT -> ChatTrainingCopy.of(new String(source, UTF_8), request.messages())
                        .getBytes(UTF_8);
            };
        }
    }

    public Outcome<CatalogueEntry> make(StaffMember who, String recordingId, JsonBody body) {
        Instant now = clock.instant();
        RecordingScope.Located located = scope.locate(who, recordingId);
        AccessAudit.Event event = audit.about(located, who, AuditAction.TRAINING_COPY_MADE, now);
        return event.settle(() -> TrainingCopyRequest.from(body).then(request -> {
            event.why(request.purpose(), request.reference()).detail("note", request.note().orElse(null));
            CatalogueEntry source = located.entry();
            CouncilPolicy policy = located.policy();
            boolean trainingAllowed = policy != null && policy.allowsTraining() && Purpose.TRAINING.id().equals(request.purpose());
            Optional<Refusal> refusal = AccessRules.trainingCopy(located.standing(), source == null ? null : source.state(), trainingAllowed);
            if (refusal.isPresent()) {
                return Outcome.refused(refusal.get());
            }
            Optional<Source> kind = Source.of(source);
            if (kind.isEmpty()) {
                return Outcome.refused(Refusal.RECORDING_NOT_COPYABLE);
            }
            if (request.cutsAudio() != (kind.get() != Source.TRANSCRIPT)) {
                return Outcome.refused(Refusal.BAD_REQUEST.saying(kind.get() == Source.TRANSCRIPT
                        ? "This is a web chat: name the messages to cut (messages), not time ranges."
                        : "This is a recording: name the time ranges to cut (cut), not messages."));
            }
            if (source.sizeBytes() > kind.get().maxBytes) {
                return Outcome.refused(Refusal.recordingTooLarge(kind.get().kind, kind.get().maxBytes));
            }
            String key = TrainingCopyKey.of(source.council(), source.team(), copyIds.get(), kind.get().copyExtension);
            // The id the copy is given: it exists only if the event ends allowed.
            event.detail("trainingCopy", RecordingId.forKey(key)).allowed();
            return copy(who, request, source, policy, kind.get(), key, now);
        }));
    }

    private Outcome<CatalogueEntry> copy(StaffMember who, TrainingCopyRequest request, CatalogueEntry source, CouncilPolicy policy,
                                         Source kind, String key, Instant now) {
        Optional<byte[]> read = store.read(source.objectKey(), source.versionId(), kind.maxBytes);
        if (read.isEmpty()) {
            return Outcome.refused(Refusal.recordingTooLarge(kind.kind, kind.maxBytes));
        }
        byte[] copied;
        try {
            copied = kind.cut(read.get(), request, policy.trainingCopies().fill());
        } catch (TrainingCopyRefused refused) {
            return Outcome.refused(refusal(refused));
        }
        String copyId = RecordingId.forKey(key);
        LocalDate madeOn = LocalDate.ofInstant(now, RetentionSchedule.UK);
        RetentionDecision.Retain retain = (RetentionDecision.Retain) schedule.decideTrainingCopy(
                source.council(), source.team(), Channel.fromId(source.channel()).orElseThrow(), madeOn);
        Duration duration = kind == Source.TRANSCRIPT ? null : WaveHeader.duration(copied, copied.length).orElse(null);
        // The version is S3's, known once the object is written; the tags written with it are the entry's all the same.
        Function<String, CatalogueEntry> copyAt = versionId -> new CatalogueEntry(copyId, key, versionId,
                "t" + String.format("%020d", now.toEpochMilli()), RecordingState.ACTIVE, source.council(), source.team(), source.channel(),
                now, madeOn, retain.retentionClass(), retain.expiresOn(), retain.policyRef(), null, null, null, kind.copyContentType,
                copied.length, duration, null, null, now, source.recordingId());
        AccessAudit.Event copyEvent = audit.about(copyId, source.council(), who, AuditAction.TRAINING_COPY_CREATED, now)
                .why(request.purpose(), request.reference()).detail("trainingCopyOf", source.recordingId())
                .detail("retentionClass", retain.retentionClass()).detail("expiresOn", retain.expiresOn().toString());
        copyEvent.allowed();
        return copyEvent.settle(() -> {
            String versionId = store.write(key, copied, kind.copyContentType, RecordingTags.of(copyAt.apply(null)));
            CatalogueEntry copy = copyAt.apply(versionId);
            store.catalogue(copy);
            return Outcome.done(copy);
        });
    }

    /** The requester's mistakes are a bad request; a source that cannot be cut is no one's to retry. */
    private static Refusal refusal(TrainingCopyRefused refused) {
        return switch (refused.reason()) {
            case NO_RANGES, BAD_RANGE -> Refusal.BAD_REQUEST.saying("Name at least one range to cut, each ending after it starts.");
            case RANGE_PAST_END -> Refusal.BAD_REQUEST.saying("A range to cut starts at or after the end of the recording: check the times.");
            case NO_SUCH_MESSAGE -> Refusal.BAD_REQUEST.saying(refused.getMessage());
            case NOT_AUDIO, UNSUPPORTED_ENCODING, DAMAGED, NOT_JSON, UNKNOWN_SHAPE -> Refusal.RECORDING_NOT_COPYABLE;
        };
    }
}
