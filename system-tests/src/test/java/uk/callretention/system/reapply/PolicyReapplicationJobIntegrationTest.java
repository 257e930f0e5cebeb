package uk.callretention.system.reapply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static uk.callretention.recording.CatalogueEntryBuilder.forKey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.aws.S3RetentionStore;
import uk.callretention.local.LocalRuntime;
import uk.callretention.local.runtime.Json;
import uk.callretention.local.runtime.RuntimeOptions;
import uk.callretention.local.template.FunctionDefinition;
import uk.callretention.local.template.Template;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingTags;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/**
 * Issue 9's done-when for re-application: the project's template run by the local runtime, 1,000 Rutland recordings
 * catalogued and tagged under Rutland's earlier policy (version 0, kept one month) where the bundled policy (version 1)
 * keeps them three months. expire-recordings starts a dry-run job, its report counts every one as kept longer and
 * nothing changes; the real run's job re-tags and re-catalogues every one. The jobs run through the local S3 Control
 * endpoint, which invokes ReapplyPolicyFunction once per manifest row, as S3 Batch Operations would.
 */
@ExtendWith(LocalAwsExtension.class)
class PolicyReapplicationJobIntegrationTest {
    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** More than one page of the catalogue's team index; {@code -Dreapply.recordings=1000} for the README's figures. */
    private static final int RECORDINGS = Integer.getInteger("reapply.recordings", 300);
    private static final LocalDate RECORDED_ON = LocalDate.now(RetentionSchedule.UK).minusDays(20);
    private static final String OLD_POLICY = "rutland@0";
    private static final String NEW_POLICY = "rutland@1";

    private static LocalAws aws;
    private static LocalRuntime runtime;
    private static List<CatalogueEntry> catalogued;

    @BeforeAll
    static void stackWithRecordingsUnderTheOldPolicy() throws Exception {
        List<Path> unbuilt = Template.load(TEMPLATE).functions().values().stream().map(FunctionDefinition::codeUri).filter(Files::notExists).toList();
        assumeTrue(unbuilt.isEmpty(), "skipped: function jars not built yet (run mvn package): " + unbuilt);
        String stackName = "rj" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        runtime = new LocalRuntime(RuntimeOptions.forTemplate(TEMPLATE).withExistingAws(aws.endpoint()).withPorts(0, 0).withStackName(stackName)
                .withDataFolder(Path.of("target", "local-runtime", stackName))).start();
        // The recordings stand for what the tagger left under the old policy: the bucket's upload events would have
        // today's tagger classify them again under the new one, behind the test's back, so they are switched off.
        aws.clients().s3().putBucketNotificationConfiguration(put -> put.bucket(bucket()).notificationConfiguration(none -> { }));
        Instant started = Instant.now();
        ExecutorService uploads = Executors.newFixedThreadPool(8);
        try {
            List<Future<CatalogueEntry>> entries = IntStream.range(0, RECORDINGS).mapToObj(n -> uploads.submit(() -> catalogueUnderOldPolicy(n))).toList();
            catalogued = entries.stream().map(PolicyReapplicationJobIntegrationTest::get).toList();
        } finally {
            uploads.shutdownNow();
        }
        System.out.printf("catalogued %,d recordings under %s in %.1f s%n", RECORDINGS, OLD_POLICY, Duration.between(started, Instant.now()).toMillis() / 1000.0);
    }

    @AfterAll
    static void stopRuntime() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void reapplication_dryRunReportsEveryRecordingKeptLongerAndChangesNothing_thenTheRealRunRetagsEveryOne() throws Exception {
        Map<String, Object> dryRun = runJob(true);

        assertThat(dryRun).containsEntry("complete", true).containsEntry("dryRun", true)
                .containsEntry("examined", RECORDINGS).containsEntry("later", RECORDINGS).containsEntry("earlier", 0)
                .containsEntry("applied", 0).containsEntry("failed", 0);
        assertEveryRecording(OLD_POLICY, "P1M", RECORDED_ON.plusMonths(1));

        Map<String, Object> realRun = runJob(false);

        assertThat(realRun).containsEntry("complete", true).containsEntry("dryRun", false)
                .containsEntry("examined", RECORDINGS).containsEntry("later", RECORDINGS).containsEntry("applied", RECORDINGS).containsEntry("failed", 0);
        assertEveryRecording(NEW_POLICY, "P3M", RECORDED_ON.plusMonths(3));
    }

    /** Starts a Rutland re-application through expire-recordings, follows its job to the end and answers the report. */
    private static Map<String, Object> runJob(boolean dryRun) throws Exception {
        Instant started = Instant.now();
        Map<String, Object> start = invokeExpireRecordings(Map.of("mode", "reapply-policy", "council", "rutland", "dryRun", dryRun));
        assertThat(start).containsEntry("rows", RECORDINGS);
        String jobId = start.get("jobId").toString();
        Map<String, Object> report;
        do {
            Thread.sleep(500);
            report = invokeExpireRecordings(Map.of("mode", "reapply-report", "jobId", jobId));
        } while (!Boolean.TRUE.equals(report.get("complete")) && !"Failed".equals(report.get("status"))
                && Duration.between(started, Instant.now()).toMinutes() < 5);
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        System.out.printf("%s of %,d rows through the local S3 Batch Operations job: %.1f s, %.0f rows a second%n",
                dryRun ? "dry run" : "real run", RECORDINGS, seconds, RECORDINGS / seconds);
        return report;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> invokeExpireRecordings(Map<String, Object> event) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.apiEndpoint() + "/_local/functions/ExpireRecordingsFunction/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(event))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (Map<String, Object>) Json.parse(response.body());
    }

    private static void assertEveryRecording(String policy, String retentionClass, LocalDate expiresOn) {
        S3RetentionStore store = new S3RetentionStore(aws.clients().s3(), bucket());
        DynamoDbCatalogue catalogue = new DynamoDbCatalogue(aws.clients().dynamoDb(), runtime.stack().tableName("CatalogueTable"));
        ExecutorService reads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> checks = catalogued.stream().map(entry -> reads.submit(() -> {
                assertThat(store.tags(entry.objectKey(), entry.versionId())).as(entry.objectKey())
                        .containsEntry(RecordingTags.POLICY, policy).containsEntry(RecordingTags.RETENTION, retentionClass)
                        .containsEntry(RecordingTags.EXPIRES, expiresOn.toString());
                assertThat(catalogue.find(entry.recordingId()).orElseThrow()).as(entry.objectKey())
                        .extracting(CatalogueEntry::policyRef, CatalogueEntry::retentionClass, CatalogueEntry::expiresOn)
                        .containsExactly(policy, retentionClass, expiresOn);
                return null;
            })).toList();
            checks.forEach(PolicyReapplicationJobIntegrationTest::get);
        } finally {
            reads.shutdownNow();
        }
    }

    /** A Rutland customer-services call uploaded, tagged and catalogued as the tagger did under policy version 0 (one month). */
    private static CatalogueEntry catalogueUnderOldPolicy(int n) {
        String key = "rutland/customer-services/phone/" + RECORDED_ON.toString().replace('-', '/') + "/call-" + n + ".wav";
        List<Tag> tags = RecordingTags.of(entry(key, null, n)).entrySet().stream().map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                .toList();
        String versionId = aws.clients().s3().putObject(put -> put.bucket(bucket()).key(key).tagging(Tagging.builder().tagSet(tags).build()),
                RequestBody.fromString("RIFF....WAVE", StandardCharsets.US_ASCII)).versionId();
        CatalogueEntry entry = entry(key, versionId, n);
        new DynamoDbCatalogue(aws.clients().dynamoDb(), runtime.stack().tableName("CatalogueTable")).recordUnlessNewer(entry);
        return entry;
    }

    private static CatalogueEntry entry(String key, String versionId, int n) {
        Instant recordedAt = RECORDED_ON.atTime(9, 0).atZone(RetentionSchedule.UK).toInstant().plusSeconds(n);
        return forKey(key).versionId(versionId).ordering("t" + n).state(RecordingState.ACTIVE).council("rutland")
                .team("customer-services").channel("phone").recordedAt(recordedAt).recordedOn(RECORDED_ON).retentionClass("P1M")
                .expiresOn(RECORDED_ON.plusMonths(1)).policyRef(OLD_POLICY).callerHash("caller-hash-" + n).agent("agent-7")
                .direction("inbound").contentType("audio/wav").sizeBytes(12).cataloguedAt(recordedAt.plusSeconds(60)).build();
    }

    private static String bucket() {
        return runtime.stack().bucketName("RecordingsBucket");
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e.getCause() != null ? e.getCause() : e);
        }
    }
}
