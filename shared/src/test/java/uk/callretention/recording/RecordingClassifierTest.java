package uk.callretention.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;

class RecordingClassifierTest {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final byte[] WAV = "RIFF\u0024\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);
    private static final CallerHash HASH = new CallerHash("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static final RecordingClassifier CLASSIFIER = new RecordingClassifier(
            new RetentionSchedule(PolicyBook.bundled(Map.of()), Clock.fixed(NOW, ZoneOffset.UTC))::decide, HASH);

    static Stream<Arguments> quarantines() {
        return Stream.of(
                Arguments.of("rutland/customer-services/phone/2026/11/25/call.wav/x", 10L, WAV, Map.of(), QuarantineReason.KEY_UNPARSEABLE),
                Arguments.of("rutland/customer-services/fax/2026/11/25/call.wav", 10L, WAV, Map.of(), QuarantineReason.UNKNOWN_CHANNEL),
                Arguments.of("rutland/customer-services/phone/2026/11/25/call.json", 10L, WAV, Map.of(), QuarantineReason.CONTENT_MISMATCH),
                Arguments.of("rutland/customer-services/phone/2026/11/25/call.wav", 0L, new byte[0], Map.of(), QuarantineReason.EMPTY_OBJECT),
                Arguments.of("rutland/customer-services/phone/2026/11/25/call.mp3", 10L, WAV, Map.of(), QuarantineReason.CONTENT_MISMATCH),
                Arguments.of("rutland/customer-services/phone/2026/11/25/call.wav", 10L, WAV,
                        Map.of("recorded-at", "yesterday"), QuarantineReason.DATE_MISMATCH),
                Arguments.of("rutland/customer-services/phone/2026/11/25/call.wav", 10L, WAV,
                        Map.of("recorded-at", "2026-11-24T10:00:00Z"), QuarantineReason.DATE_MISMATCH),
                Arguments.of("barsetshire/customer-services/phone/2026/11/25/call.wav", 10L, WAV, Map.of(), QuarantineReason.UNKNOWN_COUNCIL),
                Arguments.of("rutland/planning/phone/2026/11/25/call.wav", 10L, WAV, Map.of(), QuarantineReason.UNKNOWN_TEAM),
                Arguments.of("rutland/customer-services/webchat/2026/11/25/chat.json", 10L, "{}".getBytes(StandardCharsets.UTF_8),
                        Map.of(), QuarantineReason.UNKNOWN_CHANNEL),
                Arguments.of("newark-sherwood/customer-services/webchat/2022/02/22/chat.json", 10L, "{}".getBytes(StandardCharsets.UTF_8),
                        Map.of(), QuarantineReason.BEFORE_RECORDING_BEGAN),
                Arguments.of("rutland/customer-services/phone/2026/11/25/call.wav", 10L, WAV,
                        Map.of("recorded-at", "2026-11-25T10:00:00Z"), QuarantineReason.RECORDED_IN_FUTURE));
    }

    @ParameterizedTest(name = "{4}: {0}")
    @MethodSource("quarantines")
    void classify_whenUploadCannotBeClassified_quarantinesForThirtyDaysWithReason(String key, long size, byte[] head,
                                                                                 Map<String, String> metadata, QuarantineReason reason) {
        CatalogueEntry entry = CLASSIFIER.classify(key, object(size, metadata), "t1", n -> head, NOW);

        assertThat(entry.state()).isEqualTo(RecordingState.QUARANTINED);
        assertThat(entry.quarantineReason()).isEqualTo(reason.code());
        assertThat(entry.quarantineDetail()).isNotBlank();
        assertThat(entry.retentionClass()).isEqualTo("quarantine");
        assertThat(entry.expiresOn()).isEqualTo(LocalDate.of(2026, 12, 25));
        assertThat(entry.recordingId()).isEqualTo(RecordingId.forKey(key));
    }

    @Test
    void classify_whenKeyDoesNotParse_readsNoBytes() {
        AtomicInteger reads = new AtomicInteger();
        IntFunction<byte[]> reader = n -> {
            reads.incrementAndGet();
            return WAV;
        };
        CLASSIFIER.classify("not-a-recording.wav", object(10, Map.of()), "t1", reader, NOW);
        assertThat(reads).hasValue(0);
    }

    @Test
    void classify_whenUploadFollowsContract_givesRuleExpiryAndHashedCaller() {
        Map<String, String> metadata = Map.of("recorded-at", "2026-08-31T22:30:00Z", "caller", "01572 722577",
                "agent", "agent-17", "direction", "inbound");
        CatalogueEntry entry = CLASSIFIER.classify("rutland/customer-services/phone/2026/08/31/call-1.wav", object(10, metadata), "t1", n -> WAV, NOW);

        assertThat(entry.state()).isEqualTo(RecordingState.ACTIVE);
        assertThat(entry.council()).isEqualTo("rutland");
        assertThat(entry.team()).isEqualTo("customer-services");
        assertThat(entry.channel()).isEqualTo("phone");
        assertThat(entry.recordedOn()).isEqualTo(LocalDate.of(2026, 8, 31));
        assertThat(entry.retentionClass()).isEqualTo("P3M");
        assertThat(entry.expiresOn()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(entry.policyRef()).startsWith("rutland@");
        assertThat(entry.callerHash()).isEqualTo(HASH.of("+441572722577").orElseThrow());
        assertThat(entry.agent()).isEqualTo("agent-17");
        assertThat(entry.direction()).isEqualTo("inbound");
        assertThat(entry.quarantineReason()).isNull();
    }

    @Test
    void classify_whenNoRecordedAt_usesStartOfKeysUkDate() {
        CatalogueEntry entry = CLASSIFIER.classify("rutland/customer-services/phone/2026/07/01/call-1.wav", object(10, Map.of()), "t1", n -> WAV, NOW);
        assertThat(entry.recordedAt()).isEqualTo(Instant.parse("2026-06-30T23:00:00Z"));
        assertThat(entry.expiresOn()).isEqualTo(LocalDate.of(2026, 10, 1));
    }

    @Test
    void classify_whenDirectionIsNotKnown_dropsIt() {
        CatalogueEntry entry = CLASSIFIER.classify("rutland/customer-services/phone/2026/07/01/call-1.wav",
                object(10, Map.of("direction", "sideways")), "t1", n -> WAV, NOW);
        assertThat(entry.direction()).isNull();
    }

    @Test
    void classify_whenCallIdIsOverTwoHundredCharacters_classifiesIt() {
        String key = "rutland/customer-services/phone/2026/07/01/" + "c".repeat(900) + ".wav";

        CatalogueEntry entry = CLASSIFIER.classify(key, object(10, Map.of()), "t1", n -> WAV, NOW);

        assertThat(entry.state()).isEqualTo(RecordingState.ACTIVE);
        assertThat(entry.recordingId()).isEqualTo(RecordingId.forKey(key)).hasSize(36);
    }

    @Test
    void classify_whenKeyDoesNotParseButNamesACouncil_filesItUnderThatCouncil() {
        CatalogueEntry entry = CLASSIFIER.classify("rutland/customer-services/2026/call.wav", object(10, Map.of("caller", "01572 722577")),
                "t1", n -> WAV, NOW);

        assertThat(entry.quarantineReason()).isEqualTo(QuarantineReason.KEY_UNPARSEABLE.code());
        assertThat(entry.council()).isEqualTo("rutland");
        assertThat(entry.team()).isNull();
        assertThat(entry.callerHash()).isEqualTo(HASH.of("+441572722577").orElseThrow());
    }

    private static StoredObject object(long size, Map<String, String> metadata) {
        return new StoredObject("v1", size, NOW.minusSeconds(60), "audio/wav", new HashMap<>(metadata), 0);
    }
}
