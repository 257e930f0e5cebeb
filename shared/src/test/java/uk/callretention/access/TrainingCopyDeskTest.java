package uk.callretention.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static uk.callretention.recording.CatalogueEntryBuilder.forKey;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.InMemoryAuditLog;
import uk.callretention.policy.PolicyBook;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;

/**
 * What the function cannot easily be made to meet against the local AWS: a council whose policy fills cuts with a
 * tone and keeps copies six months (Testshire, in the test policies), sources too large or of no kind it can cut, and
 * a store that fails after both events are written.
 */
class TrainingCopyDeskTest {

    private static final Instant NOW = Instant.parse("2026-05-01T09:00:00Z");
    private static final PolicyBook POLICIES = PolicyBook.load(Path.of("src/test/resources/policies-settings"), Map.of());
    private static final StaffMember MANAGER = StaffMember.fromClaims(Map.of("sub", "m-1", "cognito:groups", "[testshire:customer-services:manager]"))
            .orElseThrow();
    private static final String TRAINING = "{\"purpose\": \"training\", \"reference\": \"T-1\", \"cut\": [{\"from\": 0.25, \"to\": 0.5}]}";

    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final List<String> written = new ArrayList<>();
    private final List<CatalogueEntry> catalogued = new ArrayList<>();
    private byte[] stored = silence(8000);
    private boolean writeFails;

    private final TrainingCopyStore store = new TrainingCopyStore() {
        @Override
        public Optional<byte[]> read(String key, String versionId, long maxBytes) {
            return stored.length > maxBytes ? Optional.empty() : Optional.of(stored);
        }

        @Override
        public String write(String key, byte[] content, String contentType, Map<String, String> tags) {
            if (writeFails) {
                throw new IllegalStateException("S3 is down");
            }
            written.add(key);
            stored = content;
            return "v-copy";
        }

        @Override
        public void catalogue(CatalogueEntry copy) {
            catalogued.add(copy);
        }
    };

    @Test
    void make_whenThePolicySaysTone_fillsTheCutWithATone_andKeepsTheCopyForTheTrainingPeriod() {
        CatalogueEntry source = source("call.wav", 16_044);

        Outcome<CatalogueEntry> made = desk(source).make(MANAGER, source.recordingId(), JsonBody.of(TRAINING));

        CatalogueEntry copy = ((Outcome.Done<CatalogueEntry>) made).value();
        assertThat(copy.retentionClass()).isEqualTo("P6M");
        assertThat(copy.expiresOn()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(copy.trainingCopyOf()).isEqualTo(source.recordingId());
        assertThat(copy.versionId()).isEqualTo("v-copy");
        assertThat(catalogued).containsExactly(copy);
        ByteBuffer samples = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(samples.getShort(44 + 1000 * 2)).as("before the cut, silent as the source").isZero();
        // A 1 kHz tone at 8 kHz crosses zero every fourth sample: two samples apart, one is at a peak.
        assertThat(Math.abs(samples.getShort(44 + 3001 * 2)) + Math.abs(samples.getShort(44 + 3003 * 2))).as("inside the cut, the tone").isPositive();
        assertThat(audit.events()).extracting(AuditEvent::action, AuditEvent::outcome)
                .containsExactly(tuple(AuditAction.TRAINING_COPY_MADE, "allowed"),
                        tuple(AuditAction.TRAINING_COPY_CREATED, "allowed"));
    }

    @Test
    void make_whenTheSourceIsTooLargeOrOfNoKindItCuts_isRefusedWithNothingWritten() {
        CatalogueEntry large = source("large.wav", TrainingCopyDesk.MAX_WAV_BYTES + 1);
        CatalogueEntry grown = source("grown.mp3", 1000);
        CatalogueEntry other = source("other.ogg", 1000);
        stored = new byte[(int) TrainingCopyDesk.MAX_MP3_BYTES + 1];

        Refusal tooLarge = refusal(desk(large).make(MANAGER, large.recordingId(), JsonBody.of(TRAINING)));
        Refusal grewMeanwhile = refusal(desk(grown).make(MANAGER, grown.recordingId(), JsonBody.of(TRAINING)));
        Refusal notCopyable = refusal(desk(other).make(MANAGER, other.recordingId(), JsonBody.of(TRAINING)));

        assertThat(tooLarge.code()).as("answered 422, as RefusalStatusTest checks").isEqualTo("recording-too-large");
        assertThat(tooLarge.details()).containsEntry("limitBytes", TrainingCopyDesk.MAX_WAV_BYTES);
        assertThat(tooLarge.message()).contains("256 MiB");
        assertThat(grewMeanwhile.message()).contains("20 MiB");
        assertThat(notCopyable.code()).isEqualTo("recording-not-copyable");
        assertThat(written).isEmpty();
        assertThat(audit.events()).extracting(AuditEvent::outcome)
                .containsExactly("recording-too-large", "recording-too-large", "recording-not-copyable");
    }

    @Test
    void make_whenStoringTheCopyFails_completesBothEventsAsFailedAndCataloguesNothing() {
        CatalogueEntry source = source("call.wav", 16_044);
        writeFails = true;

        assertThatThrownBy(() -> desk(source).make(MANAGER, source.recordingId(), JsonBody.of(TRAINING))).hasMessage("S3 is down");

        assertThat(catalogued).isEmpty();
        assertThat(audit.events()).extracting(AuditEvent::action, AuditEvent::outcome)
                .containsExactly(tuple(AuditAction.TRAINING_COPY_MADE, "failed"),
                        tuple(AuditAction.TRAINING_COPY_CREATED, "failed"));
    }

    private TrainingCopyDesk desk(CatalogueEntry source) {
        AccessCatalogue catalogue = (AccessCatalogue) Proxy.newProxyInstance(AccessCatalogue.class.getClassLoader(), new Class<?>[] {AccessCatalogue.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("find")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return Optional.of(source).filter(s -> s.recordingId().equals(args[0]));
                });
        return new TrainingCopyDesk(POLICIES, catalogue, store, audit, () -> "copy-1", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static CatalogueEntry source(String file, long size) {
        String key = "testshire/customer-services/phone/2026/04/30/" + file;
        return forKey(key).versionId("v-1").ordering("t1").state(RecordingState.ACTIVE).council("testshire").team("customer-services")
                .channel("phone").recordedAt(NOW.minusSeconds(86_400)).recordedOn(LocalDate.of(2026, 4, 30)).retentionClass("P40D")
                .expiresOn(LocalDate.of(2026, 6, 9)).policyRef("testshire@1").callerHash("hash").agent("agent-1").direction("inbound")
                .contentType("audio/wav").sizeBytes(size).cataloguedAt(NOW).build();
    }

    private static Refusal refusal(Outcome<CatalogueEntry> outcome) {
        return ((Outcome.Refused<CatalogueEntry>) outcome).refusal();
    }

    /** {@code samples} of 8 kHz mono 16-bit silence. */
    private static byte[] silence(int samples) {
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        return wav.array();
    }
}
