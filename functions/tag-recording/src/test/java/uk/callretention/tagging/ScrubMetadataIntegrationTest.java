package uk.callretention.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.callretention.recording.CatalogueEntryBuilder.forKey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.Tag;
import uk.callretention.aws.CatalogueItem;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingId;
import uk.callretention.recording.RecordingState;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.TestLambdaContext;

/** The clean-up of recordings stored, tagged and catalogued before the tagger took personal metadata off them. */
@ExtendWith(LocalAwsExtension.class)
class ScrubMetadataIntegrationTest {

    private static final byte[] WAV = "RIFF\u0024\0\0\0WAVEfmt \u0010\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final Map<String, String> PERSONAL = Map.of("recorded-at", "2026-10-01T09:00:00Z", "caller", "01572 722577",
            "agent", "a-7", "direction", "inbound");

    static LocalAws aws;
    private static ScrubMetadataHandler handler;
    private static S3Client s3;
    private static String bucket;
    private static DynamoDbTable<CatalogueItem> catalogue;

    @BeforeAll
    static void startFunction() {
        handler = new ScrubMetadataHandler(aws.environmentOf("ScrubMetadataFunction"));
        s3 = aws.clients().s3();
        bucket = aws.stack().bucketName("RecordingsBucket");
        catalogue = DynamoDbEnhancedClient.builder().dynamoDbClient(aws.clients().dynamoDb()).build()
                .table(aws.stack().tableName("CatalogueTable"), CatalogueItem.SCHEMA);
    }

    @BeforeEach
    void emptyTheCatalogue() {
        CallCounter.reset();
        catalogue.scan().items().forEach(catalogue::deleteItem);
    }

    @Test
    void dryRun_countsWhatCarriesPersonalMetadataAndChangesNothing() {
        String first = storedBeforeTheScrub("rutland/customer-services/phone/2026/10/01/old-1.wav", PERSONAL, RecordingState.ACTIVE);
        String second = storedBeforeTheScrub("rutland/customer-services/phone/2026/10/01/old-2.wav", PERSONAL, RecordingState.QUARANTINED);
        storedBeforeTheScrub("rutland/customer-services/phone/2026/10/01/clean.wav", Map.of("recorded-at", "2026-10-01T09:00:00Z"), RecordingState.ACTIVE);
        storedBeforeTheScrub("rutland/customer-services/phone/2026/10/01/held.wav", PERSONAL, RecordingState.HELD);
        Map<String, String> before = everything();

        Map<String, Object> report = invoke(Map.of("dryRun", true));

        assertThat(report).containsEntry("dryRun", true).containsEntry("examined", 4).containsEntry("wouldScrub", 3)
                .containsEntry("clean", 1).containsEntry("scrubbed", 0).containsEntry("complete", true);
        assertThat(everything()).isEqualTo(before);
        assertThat(versions("rutland/customer-services/phone/2026/10/01/old-1.wav")).containsExactly(first);
        assertThat(versions("rutland/customer-services/phone/2026/10/01/old-2.wav")).containsExactly(second);
    }

    @Test
    void run_scrubsEveryCataloguedVersionAndASecondRunFindsNothing() {
        String active = "rutland/customer-services/phone/2026/10/02/old-1.wav";
        String quarantined = "rutland/customer-services/phone/2026/10/02/old-2.wav";
        String held = "rutland/customer-services/phone/2026/10/02/held.wav";
        storedBeforeTheScrub(active, PERSONAL, RecordingState.ACTIVE);
        storedBeforeTheScrub(quarantined, PERSONAL, RecordingState.QUARANTINED);
        String heldVersion = storedBeforeTheScrub(held, PERSONAL, RecordingState.HELD);

        assertThat(invoke(Map.of("dryRun", false))).containsEntry("scrubbed", 3).containsEntry("leftHeld", 0).containsEntry("complete", true);

        for (String key : List.of(active, quarantined, held)) {
            List<String> versions = versions(key);
            assertThat(versions).hasSize(1);
            CatalogueEntry entry = entry(key);
            assertThat(entry.versionId()).isEqualTo(versions.get(0));
            assertThat(s3.headObject(b -> b.bucket(bucket).key(key).versionId(entry.versionId())).metadata())
                    .doesNotContainKeys("caller", "agent").containsEntry("recorded-at", "2026-10-01T09:00:00Z");
        }
        String keptHeld = entry(held).versionId();
        assertThat(keptHeld).isNotEqualTo(heldVersion);
        assertThat(entry(held).state()).isEqualTo(RecordingState.HELD);
        assertThat(legalHold(held, keptHeld)).as("the held recording's kept version is locked").isTrue();
        assertThat(tags(held, keptHeld)).containsEntry("retention", "held");
        assertThat(tags(active, entry(active).versionId())).containsEntry("retention", "P3M");

        Map<String, String> after = everything();
        assertThat(invoke(Map.of("dryRun", false))).containsEntry("scrubbed", 0).containsEntry("wouldScrub", 0)
                .containsEntry("clean", 3).containsEntry("leftHeld", 0);
        assertThat(everything()).isEqualTo(after);
    }

    @Test
    void run_whenStoppedBeforeDeletingAHeldRecordingsOldVersion_isFinishedByTheNextRun() {
        String key = "rutland/customer-services/phone/2026/10/05/held.wav";
        String uploaded = storedBeforeTheScrub(key, PERSONAL, RecordingState.HELD);
        CallCounter.failNextCallTo("DeleteObject");

        assertThatThrownBy(() -> invoke(Map.of("dryRun", false))).isInstanceOf(SdkClientException.class);
        String copy = entry(key).versionId();
        assertThat(copy).isNotEqualTo(uploaded);
        assertThat(versions(key)).containsExactlyInAnyOrder(uploaded, copy);
        assertThat(legalHold(key, copy)).isTrue();
        assertThat(invoke(Map.of("dryRun", true))).containsEntry("wouldScrub", 1);

        assertThat(invoke(Map.of("dryRun", false))).containsEntry("scrubbed", 1);

        assertThat(versions(key)).containsExactly(copy);
        assertThat(legalHold(key, copy)).isTrue();
        assertThat(invoke(Map.of("dryRun", true))).containsEntry("wouldScrub", 0).containsEntry("clean", 1);
    }

    @Test
    void run_whenItsDeadlineComes_answersACursorThatTheNextRunCarriesOnFrom() {
        for (int n = 1; n <= 5; n++) {
            storedBeforeTheScrub("rutland/customer-services/phone/2026/10/03/call-" + n + ".wav", PERSONAL, RecordingState.ACTIVE);
        }
        int runs = 0;
        int scrubbed = 0;
        Map<String, Object> input = new HashMap<>(Map.of("dryRun", false, "pageSize", 2));
        Map<String, Object> report;
        do {
            // Less time left than the function's margin: each run reads one page, then stops.
            report = handler.handleRequest(input, TestLambdaContext.withRemaining("ScrubMetadataFunction", 60_000));
            scrubbed += (Integer) report.get("scrubbed");
            input.put("cursor", report.get("cursor"));
            runs++;
        } while (!(Boolean) report.get("complete") && runs < 10);

        assertThat(runs).isGreaterThanOrEqualTo(3);
        assertThat(scrubbed).isEqualTo(5);
        assertThat(invoke(Map.of("dryRun", true))).containsEntry("wouldScrub", 0).containsEntry("clean", 5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                                    | dry-run-required",
            "{\"dryRun\": \"yes\"}                   | dry-run-required",
            "{\"dryRun\": true, \"mode\": \"x\"}     | unknown-field",
            "{\"dryRun\": true, \"cursor\": \"../\"} | cursor-invalid",
            "{\"dryRun\": true, \"pageSize\": 0}     | page-size-invalid",
            "{\"dryRun\": true, \"pageSize\": 2.5}   | page-size-invalid"
    })
    void invocation_whenInputIsWrong_answersItsCodeAndScrubsNothing(String json, String code) throws Exception {
        storedBeforeTheScrub("rutland/customer-services/phone/2026/10/04/untouched.wav", PERSONAL, RecordingState.ACTIVE);
        Map<String, String> before = everything();

        Map<String, Object> answer = invoke(com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(json));

        assertThat(answer).containsEntry("error", code).containsKey("message");
        assertThat(everything()).isEqualTo(before);
    }

    private static Map<String, Object> invoke(Map<String, Object> input) {
        return handler.handleRequest(input, TestLambdaContext.withRemaining("ScrubMetadataFunction", 900_000));
    }

    /** As the tagger left an upload before it scrubbed: tagged, catalogued, the platform's metadata on the object. */
    private static String storedBeforeTheScrub(String key, Map<String, String> metadata, RecordingState state) {
        String versionId = s3.putObject(b -> b.bucket(bucket).key(key).contentType("audio/wav").metadata(metadata), RequestBody.fromBytes(WAV))
                .versionId();
        boolean held = state == RecordingState.HELD;
        catalogue.putItem(CatalogueItem.from(forKey(key).versionId(versionId).ordering("t1").state(state).council("rutland").team("customer-services").channel("phone")
                .recordedAt(Instant.parse("2026-10-01T09:00:00Z")).recordedOn(LocalDate.of(2026, 10, 1))
                .retentionClass(held ? "held" : "P3M").expiresOn(LocalDate.of(2027, 1, 1)).policyRef("rutland@1")
                .callerHash("0".repeat(64)).agent("a-7").direction("inbound").contentType("audio/wav").sizeBytes(WAV.length)
                .cataloguedAt(Instant.parse("2026-10-01T09:00:05Z")).build()));
        s3.putObjectTagging(b -> b.bucket(bucket).key(key).versionId(versionId).tagging(t -> t.tagSet(
                Tag.builder().key("retention").value(held ? "held" : "P3M").build(), Tag.builder().key("expires").value("2027-01-01").build())));
        if (held) {
            s3.putObjectLegalHold(b -> b.bucket(bucket).key(key).versionId(versionId).legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON)));
        }
        return versionId;
    }

    /** Every version in the bucket with its metadata, and every catalogue item: what a run may change. */
    private static Map<String, String> everything() {
        Map<String, String> state = new HashMap<>();
        for (ObjectVersion version : s3.listObjectVersions(b -> b.bucket(bucket)).versions()) {
            state.put(version.key() + "@" + version.versionId(),
                    s3.headObject(b -> b.bucket(bucket).key(version.key()).versionId(version.versionId())).metadata().toString());
        }
        catalogue.scan().items().forEach(item -> state.put(item.toEntry().recordingId(), item.toEntry().toString()));
        return state;
    }

    private static boolean legalHold(String key, String versionId) {
        return s3.getObjectLegalHold(b -> b.bucket(bucket).key(key).versionId(versionId)).legalHold().status() == ObjectLockLegalHoldStatus.ON;
    }

    private static List<String> versions(String key) {
        return s3.listObjectVersions(b -> b.bucket(bucket).prefix(key)).versions().stream()
                .filter(v -> v.key().equals(key)).map(ObjectVersion::versionId).toList();
    }

    private static CatalogueEntry entry(String key) {
        return catalogue.getItem(Key.builder().partitionValue(RecordingId.forKey(key)).build()).toEntry();
    }

    private static Map<String, String> tags(String key, String versionId) {
        Map<String, String> tags = new HashMap<>();
        s3.getObjectTagging(b -> b.bucket(bucket).key(key).versionId(versionId)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }
}
