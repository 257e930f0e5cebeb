package uk.callretention.tagging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;
import uk.callretention.aws.CatalogueItem;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingId;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingTags;
import uk.callretention.testsupport.Fault;
import uk.callretention.testsupport.Faults;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.ProcessCrash;
import uk.callretention.testsupport.SampleEvents;
import uk.callretention.testsupport.TestLambdaContext;
import uk.callretention.testsupport.Uploads;

/**
 * Tagging under AWS faults (throttling, 500s, resets, lost answers) and crashes between any two of its calls, with
 * SQS's redelivery as the only retry: once the faults stop, every upload is tagged and catalogued, and once only
 * (another delivery changes nothing).
 */
@ExtendWith(LocalAwsExtension.class)
class TagRecordingFaultsIntegrationTest {

    private static final long[] SEEDS = {1, 2, 3, 4};
    private static final double RATE = 0.35;
    private static final int UPLOADS_PER_SEED = 6;
    private static final int MAX_DELIVERIES = 10;
    private static final AtomicLong SEQUENCER = new AtomicLong(0x674F0C36D2A1B4C7L);

    static LocalAws aws;
    private static TagRecordingHandler handler;
    private static S3Client s3;
    private static String bucket;
    private static String sampleBody;

    @BeforeAll
    static void startFunction() throws IOException {
        handler = new TagRecordingHandler(TagRecordingFactory.fromEnvironment(aws.environmentOf("TagRecordingFunction"),
                new PrintStream(new ByteArrayOutputStream(), true, UTF_8)));
        s3 = aws.clients().s3();
        bucket = aws.stack().bucketName("RecordingsBucket");
        Map<String, Object> sample = JSON.std.mapFrom(SampleEvents.read("sqs-s3-upload.json"));
        sampleBody = (String) ((Map<?, ?>) ((List<?>) sample.get("Records")).get(0)).get("body");
    }

    @Test
    void uploads_whenAwsFailsAtRandom_areEachTaggedAndCataloguedOnceAfterRedelivery() {
        int injected = 0;
        int redeliveries = 0;
        for (long seed : SEEDS) {
            Faults faults = Faults.seeded(seed, RATE, Fault.THROTTLED, Fault.SERVER_ERROR, Fault.CONNECTION_RESET, Fault.RESPONSE_LOST);
            List<SQSEvent.SQSMessage> uploads = new ArrayList<>();
            for (int i = 0; i < UPLOADS_PER_SEED; i++) {
                uploads.add(upload("rutland/customer-services/phone/2026/11/2" + i + "/faults-" + seed + "-" + UUID.randomUUID() + ".wav"));
            }

            List<SQSEvent.SQSMessage> pending = uploads;
            for (int delivery = 0; delivery < MAX_DELIVERIES && !pending.isEmpty(); delivery++) {
                List<SQSEvent.SQSMessage> batch = pending;
                pending = failed(batch, faults.call(() -> deliver(batch)));
                redeliveries += delivery == 0 ? 0 : batch.size();
            }
            assertThat(failed(pending, deliver(pending))).as("after the faults stopped, %s", faults.summary()).isEmpty();
            injected += faults.injected();

            for (SQSEvent.SQSMessage message : uploads) {
                assertTaggedAndCataloguedOnce(message, faults.summary());
            }
        }
        System.out.println("tagging under faults: %d seeds x %d uploads at rate %.2f, %d faults injected, %d messages redelivered, 0 lost"
                .formatted(SEEDS.length, UPLOADS_PER_SEED, RATE, injected, redeliveries));
        assertThat(injected).isPositive();
    }

    @Test
    void upload_whenTheFunctionDiesBeforeAnyOfItsCalls_isTaggedAndCataloguedOnceByTheRedelivery() {
        Faults probe = Faults.none();
        SQSEvent.SQSMessage first = upload("rutland/customer-services/phone/2026/11/24/probe-" + UUID.randomUUID() + ".wav");
        probe.run(() -> deliver(List.of(first)));
        List<String> steps = probe.calls();

        for (int call = 1; call <= steps.size(); call++) {
            SQSEvent.SQSMessage message = upload("rutland/customer-services/phone/2026/11/24/crash-" + call + "-" + UUID.randomUUID() + ".wav");
            Faults crash = Faults.crashingAt(call);

            assertThatThrownBy(() -> crash.run(() -> deliver(List.of(message)))).isInstanceOf(ProcessCrash.class);
            assertThat(failed(List.of(message), deliver(List.of(message)))).isEmpty();

            assertTaggedAndCataloguedOnce(message, crash.summary());
        }
        System.out.println("tagging crashes: died before each of its %d calls %s, each redelivery converged".formatted(steps.size(), steps));
    }

    /** Tags and catalogue name the same, existing version; one more delivery changes neither. */
    private static void assertTaggedAndCataloguedOnce(SQSEvent.SQSMessage message, String replay) {
        String key = keyOf(message);
        Map<String, AttributeValue> item = item(key);
        assertThat(item).as("catalogue item for %s (%s)", key, replay).isNotEmpty();
        CatalogueEntry entry = CatalogueItem.SCHEMA.mapToItem(item).toEntry();
        assertThat(entry.state()).as(replay).isEqualTo(RecordingState.ACTIVE);
        assertThat(versions(key)).as(replay).contains(entry.versionId());
        Map<String, String> tags = tags(key, entry.versionId());
        assertThat(tags).as(replay).containsAllEntriesOf(RecordingTags.of(entry));

        assertThat(failed(List.of(message), deliver(List.of(message)))).isEmpty();

        assertThat(item(key)).as("catalogued once (%s)", replay).isEqualTo(item);
        assertThat(tags(key, entry.versionId())).as(replay).isEqualTo(tags);
    }

    private static SQSEvent.SQSMessage upload(String key) {
        String versionId = s3.putObject(b -> b.bucket(bucket).key(key).metadata(Map.of("caller", "01572 722577")), RequestBody.fromBytes(Uploads.WAV))
                .versionId();
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setEventSource("aws:sqs");
        message.setBody(sampleBody.replace("call-retention-local-recordings-123456789012", bucket)
                .replace("rutland/customer-services/phone/2026/11/25/call-0001.wav", key)
                .replace("Xl0qQ7m1r5rTkzq1JpYkZgkV3Ex1d9Ns", versionId)
                .replace("00674F0C36D2A1B4C7", String.format("%018X", SEQUENCER.incrementAndGet())));
        return message;
    }

    private static String keyOf(SQSEvent.SQSMessage message) {
        try {
            Map<?, ?> record = (Map<?, ?>) ((List<?>) JSON.std.mapFrom(message.getBody()).get("Records")).get(0);
            return (String) ((Map<?, ?>) ((Map<?, ?>) record.get("s3")).get("object")).get("key");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SQSBatchResponse deliver(List<SQSEvent.SQSMessage> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>(messages));
        return handler.handleRequest(event, TestLambdaContext.of("TagRecordingFunction"));
    }

    /** The messages SQS would deliver again. */
    private static List<SQSEvent.SQSMessage> failed(List<SQSEvent.SQSMessage> delivered, SQSBatchResponse response) {
        Set<String> ids = response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        return delivered.stream().filter(m -> ids.contains(m.getMessageId())).toList();
    }

    private static Map<String, AttributeValue> item(String key) {
        return new HashMap<>(aws.clients().dynamoDb().getItem(b -> b.tableName(aws.stack().tableName("CatalogueTable")).consistentRead(true)
                .key(Map.of("recordingId", AttributeValue.fromS(RecordingId.forKey(key))))).item());
    }

    private static List<String> versions(String key) {
        return s3.listObjectVersions(b -> b.bucket(bucket).prefix(key)).versions().stream().map(v -> v.versionId()).toList();
    }

    private static Map<String, String> tags(String key, String versionId) {
        return s3.getObjectTagging(b -> b.bucket(bucket).key(key).versionId(versionId)).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }
}
