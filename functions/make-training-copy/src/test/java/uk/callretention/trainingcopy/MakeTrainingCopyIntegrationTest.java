package uk.callretention.trainingcopy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.aws.RetentionRepositories;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.ExpiryShard;
import uk.callretention.recording.RecordingId;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.TaggingOutcome;
import uk.callretention.recording.Upload;
import uk.callretention.retention.PolicyReapplication;
import uk.callretention.retention.Reapplied;
import uk.callretention.retention.SweepCalendar;
import uk.callretention.testsupport.Faults;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.SampleEvents;
import uk.callretention.testsupport.TestLambdaContext;
import uk.callretention.testsupport.Uploads;

/**
 * Training copies made through the function's handler, with its own clients, against the local AWS: recordings
 * uploaded and tagged as the platform and the tagger do, the copy read back from the bucket and the catalogue.
 */
@ExtendWith(LocalAwsExtension.class)
class MakeTrainingCopyIntegrationTest {

    private static final int RATE = 8000;
    /** Silence is 0; a 16-bit sample's least step is 1: anything left of a 0.5 full-scale tone is far above this. */
    private static final double SILENT_RMS = 1.0;

    static LocalAws aws;
    private static MakeTrainingCopyHandler handler;
    private static Map<String, String> environment;
    private static Uploads uploads;
    private static S3Client s3;
    private static String bucket;
    private static DynamoDbCatalogue catalogue;
    private static DynamoDbAuditLog audit;
    private static LocalDate today;

    @BeforeAll
    static void startFunction() {
        environment = aws.environmentOf("MakeTrainingCopyFunction");
        handler = handler(AwsClients.fromEnvironment(environment));
        uploads = new Uploads(aws);
        s3 = aws.clients().s3();
        bucket = environment.get("RECORDINGS_BUCKET");
        catalogue = new DynamoDbCatalogue(aws.clients().dynamoDb(), environment.get("CATALOGUE_TABLE"));
        audit = new DynamoDbAuditLog(aws.clients().dynamoDb(), environment.get("AUDIT_TABLE"));
        today = LocalDate.now(RetentionSchedule.UK);
    }

    private static MakeTrainingCopyHandler handler(AwsClients clients) {
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, UTF_8);
        return new MakeTrainingCopyHandler(MakeTrainingCopyFactory.wired(environment, clients.s3(), clients.dynamoDb(), log, Clock.systemUTC()));
    }

    @Test
    void copy_ofAWav_silencesTheRangesKeepsEveryOtherByteAndIsItsOwnRecording() throws Exception {
        byte[] wav = tone(3);
        CatalogueEntry source = recording("rutland", "customer-services", "phone", "wav", wav);
        Map<String, String> manager = staff("rutland-manager", "rutland:customer-services:manager");

        APIGatewayV2HTTPResponse answer = copy(manager, source.recordingId(),
                Map.of("purpose", "training", "reference", "TRN-1", "cut", List.of(range(0.5, 1), range(2, 2.25))));

        assertThat(status(answer)).isEqualTo(201);
        Map<String, Object> copy = body(answer);
        String copyId = (String) copy.get("recordingId");
        assertThat(copy).containsEntry("trainingCopyOf", source.recordingId()).containsEntry("council", "rutland")
                .containsEntry("team", "customer-services").containsEntry("channel", "phone").containsEntry("state", "active")
                .containsEntry("retentionClass", "P12M").containsEntry("expiresOn", today.plusMonths(12).toString())
                .doesNotContainKeys("agent", "direction", "callId");
        assertThat(copy.get("durationSeconds")).isEqualTo(3.0);

        CatalogueEntry entry = catalogue.find(copyId).orElseThrow();
        assertThat(entry.objectKey()).startsWith("training/rutland/customer-services/").endsWith(".wav");
        assertThat(entry.callerHash()).isNull();
        assertThat(entry.trainingCopyOf()).isEqualTo(source.recordingId());
        byte[] copied = s3.getObjectAsBytes(b -> b.bucket(bucket).key(entry.objectKey()).versionId(entry.versionId())).asByteArray();
        assertThat(copied).hasSameSizeAs(wav);
        assertThat(rms(copied, 0.5, 1)).isLessThan(SILENT_RMS);
        assertThat(rms(copied, 2, 2.25)).isLessThan(SILENT_RMS);
        assertThat(rms(copied, 1, 2)).isGreaterThan(1000);
        assertThat(outside(copied, 0.5, 1, 2, 2.25)).isEqualTo(outside(wav, 0.5, 1, 2, 2.25));
        assertThat(tags(entry)).containsEntry("retention", "P12M").containsEntry("expires", today.plusMonths(12).toString())
                .containsEntry("training-copy-of", source.recordingId()).containsEntry("council", "rutland");

        // The sweep finds it on its day, through the expiry index, like any recording.
        String shard = ExpiryShard.of(SweepCalendar.indexDay(entry.expiresOn(), today), copyId);
        assertThat(new DynamoDbCatalogue(aws.clients().dynamoDb(), environment.get("CATALOGUE_TABLE")).indexedUnder(shard))
                .extracting(CatalogueEntry::recordingId).contains(copyId);
        // Its upload notification reaches the tagger, which leaves it as it is.
        TaggingOutcome tagged = uploads.tagger(store -> store).tag(new Upload(bucket, entry.objectKey(), Optional.of(entry.versionId()), Optional.empty()));
        assertThat(tagged.kind()).isEqualTo(TaggingOutcome.Kind.TRAINING_COPY);
        assertThat(catalogue.find(copyId)).contains(entry);
        // Anything else there (the bucket policy lets nobody else write there) is classified as an upload: quarantined.
        CatalogueEntry stray = uploads.tag(uploads.upload("training/rutland/customer-services/" + UUID.randomUUID() + ".wav", wav, Map.of()));
        assertThat(stray.state()).isEqualTo(RecordingState.QUARANTINED);

        // Re-applying the policy keeps it on its training period from the day it was made, not its channel's P3M.
        Map<String, String> reapplying = aws.environmentOf("ManageRecordingFunction");
        PolicyReapplication reapplication = RetentionRepositories.fromEnvironment(s3, aws.clients().dynamoDb(), reapplying)
                .policyReapplication(PolicyBook.bundled(reapplying), Clock.systemUTC());
        assertThat(reapplication.reapply(entry.objectKey(), entry.versionId(), "run-training", false, today).change())
                .isEqualTo(Reapplied.Change.UNCHANGED);

        // The source is as it was: bytes, catalogue entry and expiry; it names its copy.
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(source.objectKey()).versionId(source.versionId())).asByteArray()).isEqualTo(wav);
        assertThat(catalogue.find(source.recordingId()).orElseThrow().expiresOn()).isEqualTo(source.expiresOn());
        assertThat(catalogue.trainingCopiesOf(source.recordingId())).containsExactly(copyId);

        AuditEvent made = single(source.recordingId(), AuditAction.TRAINING_COPY_MADE);
        assertThat(made.outcome()).isEqualTo("allowed");
        assertThat(made.purpose()).isEqualTo("training");
        assertThat(made.reference()).isEqualTo("TRN-1");
        assertThat(made.details()).containsEntry("trainingCopy", copyId);
        AuditEvent created = single(copyId, AuditAction.TRAINING_COPY_CREATED);
        assertThat(created.outcome()).isEqualTo("allowed");
        assertThat(created.details()).containsEntry("trainingCopyOf", source.recordingId()).containsEntry("expiresOn", entry.expiresOn().toString());
    }

    @Test
    void copy_ofAnMp3_isAWavWithTheRangesSilenced() throws Exception {
        byte[] mp3 = Files.readAllBytes(Path.of("../../shared/src/test/resources/training/tone-440hz-8khz-mono.mp3"));
        CatalogueEntry source = recording("rutland", "customer-services", "phone", "mp3", mp3);

        APIGatewayV2HTTPResponse answer = copy(staff("rutland-dpo", "rutland:*:dpo"), source.recordingId(),
                Map.of("purpose", "training", "reference", "TRN-2", "cut", List.of(range(0.5, 1.5))));

        assertThat(status(answer)).isEqualTo(201);
        CatalogueEntry entry = catalogue.find((String) body(answer).get("recordingId")).orElseThrow();
        assertThat(entry.objectKey()).endsWith(".wav");
        assertThat(entry.contentType()).isEqualTo("audio/wav");
        byte[] copied = s3.getObjectAsBytes(b -> b.bucket(bucket).key(entry.objectKey())).asByteArray();
        assertThat(new String(copied, 0, 4, UTF_8)).isEqualTo("RIFF");
        assertThat(rms(copied, 0.5, 1.5)).isLessThan(SILENT_RMS);
        assertThat(rms(copied, 0.2, 0.45)).isGreaterThan(1000);
    }

    @Test
    void copy_ofAWebChat_leavesNoPhoneNumberEmailOrCardNumber() throws Exception {
        String transcript = JSON.std.asString(Map.of("messages", List.of(
                Map.of("role", "customer", "name", "Jo Bloggs", "text", "Hi, it's about my council tax"),
                Map.of("role", "agent", "name", "Sam", "text", "Of course. Can I have a number to call you back?"),
                Map.of("role", "customer", "name", "Jo Bloggs", "text", "Yes, 07700 900123"),
                Map.of("role", "customer", "name", "Jo Bloggs", "text", "or e-mail jo.bloggs@example.org"),
                Map.of("role", "customer", "name", "Jo Bloggs", "text", "I paid with 4929 1234 5678 9012 last month"),
                Map.of("role", "customer", "name", "Jo Bloggs", "text", "I live on Station Road"))));
        CatalogueEntry source = recording("newark-sherwood", "customer-services", "webchat", "json", transcript.getBytes(UTF_8));

        APIGatewayV2HTTPResponse answer = copy(staff("ns-manager", "newark-sherwood:customer-services:manager"), source.recordingId(),
                Map.of("purpose", "training", "reference", "TRN-3", "messages", List.of(5)));

        assertThat(status(answer)).isEqualTo(201);
        CatalogueEntry entry = catalogue.find((String) body(answer).get("recordingId")).orElseThrow();
        assertThat(entry.objectKey()).endsWith(".json");
        assertThat(entry.retentionClass()).isEqualTo("P12M");
        String copied = s3.getObjectAsBytes(b -> b.bucket(bucket).key(entry.objectKey())).asUtf8String();
        assertThat(copied).doesNotContain("07700", "900123", "jo.bloggs", "example.org", "4929", "9012", "Jo Bloggs", "Station Road")
                .contains("council tax", "Customer");
    }

    @Test
    void copy_whoMay_managersAndTheDpo_staff403_othersAsIfMissing_andOnlyForTraining() throws Exception {
        CatalogueEntry source = recording("rutland", "customer-services", "phone", "wav", tone(1));
        Map<String, Object> request = Map.of("purpose", "training", "reference", "TRN-4", "cut", List.of(range(0, 0.5)));
        String unknown = RecordingId.forKey("rutland/customer-services/phone/2026/01/01/none-" + UUID.randomUUID() + ".wav");

        assertThat(List.of(
                copy(staff("rutland-staff", "rutland:customer-services:staff"), source.recordingId(), request),
                copy(staff("other-manager", "rutland:housing:manager"), source.recordingId(), request),
                copy(staff("rot-dpo", "rotherham:*:dpo"), source.recordingId(), request),
                copy(staff("ns-manager", "newark-sherwood:customer-services:manager"), source.recordingId(), request),
                copy(staff("rutland-dpo", "rutland:*:dpo"), unknown, request),
                copy(staff("rutland-dpo", "rutland:*:dpo"), source.recordingId(), Map.of("purpose", "complaint", "reference", "C-1",
                        "cut", List.of(range(0, 0.5)))),
                copy(staff("rutland-dpo", "rutland:*:dpo"), source.recordingId(), Map.of("purpose", "training", "reference", "T",
                        "messages", List.of(0))),
                copy(staff("rutland-dpo", "rutland:*:dpo"), source.recordingId(), Map.of("purpose", "training", "reference", "T",
                        "cut", List.of(range(5, 6))))))
                .extracting(a -> status(a) + " " + error(a))
                .containsExactly("403 not-permitted", "404 not-found", "404 not-found", "404 not-found", "404 not-found",
                        "400 purpose-not-allowed", "400 bad-request", "400 bad-request");
        assertThat(catalogue.trainingCopiesOf(source.recordingId())).isEmpty();
        assertThat(audit.trailOf(source.recordingId())).extracting(AuditEvent::outcome)
                .containsExactlyInAnyOrder("not-permitted", "not-found", "not-found", "not-found", "purpose-not-allowed", "bad-request", "bad-request");
    }

    /**
     * Killed before each of its AWS calls in turn, a request leaves nothing that claims more than happened: every object
     * under training/ carries its retention tags, every catalogued copy's version exists, and the source's event says
     * allowed only when its copy is catalogued. Asked again, it makes a copy.
     */
    @Test
    void copy_whenTheFunctionDiesBeforeAnyOfItsCalls_leavesNothingThatClaimsMoreThanHappened() throws Exception {
        MakeTrainingCopyHandler faulted = handler(AwsClients.fromEnvironment(environment));
        Map<String, String> manager = staff("rutland-manager", "rutland:customer-services:manager");
        Map<String, Object> request = Map.of("purpose", "training", "reference", "TRN-5", "cut", List.of(range(0, 0.25)));
        Faults probe = Faults.none();
        CatalogueEntry probed = recording("rutland", "customer-services", "phone", "wav", tone(1));
        assertThat(status(probe.call(() -> copy(faulted, manager, probed.recordingId(), request)))).isEqualTo(201);
        List<String> steps = probe.calls();

        for (int call = 1; call <= steps.size(); call++) {
            CatalogueEntry source = recording("rutland", "customer-services", "phone", "wav", tone(1));
            Faults crash = Faults.crashingAt(call);
            try {
                crash.run(() -> copy(faulted, manager, source.recordingId(), request));
            } catch (Error died) {
                assertThat(crash.crashed()).isTrue();
            }

            String replay = crash.summary();
            List<String> copies = catalogue.trainingCopiesOf(source.recordingId());
            for (String copyId : copies) {
                CatalogueEntry copy = catalogue.find(copyId).orElseThrow();
                assertThat(tags(copy)).as("a catalogued copy's object exists, tagged (%s)", replay).containsKeys("retention", "expires");
            }
            untaggedUnderTraining().forEach(key -> assertThat(key).as("an untagged object under training/ (%s)", replay).isNull());
            assertThat(audit.trailOf(source.recordingId())).as(replay)
                    .filteredOn(event -> "allowed".equals(event.outcome())).hasSizeLessThanOrEqualTo(copies.size());

            assertThat(status(copy(manager, source.recordingId(), request))).as(replay).isEqualTo(201);
        }
        System.out.println("training copy crashes: died before each of its %d calls %s".formatted(steps.size(), steps));
    }

    private static List<String> untaggedUnderTraining() {
        return s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix("training/")).versions().stream()
                .filter(v -> s3.getObjectTagging(b -> b.bucket(bucket).key(v.key()).versionId(v.versionId())).tagSet().stream()
                        .noneMatch(tag -> tag.key().equals("retention")))
                .map(v -> v.key())
                .toList();
    }

    /** A recording of yesterday, uploaded with a caller's number and tagged. */
    private static CatalogueEntry recording(String council, String team, String channel, String extension, byte[] content) {
        LocalDate yesterday = today.minusDays(1);
        String key = council + "/" + team + "/" + channel + "/" + yesterday.format(DateTimeFormatter.ofPattern("yyyy/MM/dd")) + "/"
                + UUID.randomUUID() + "." + extension;
        return uploads.tag(uploads.upload(key, content, Map.of(
                "recorded-at", yesterday.atTime(12, 0).atZone(RetentionSchedule.UK).toInstant().toString(),
                "caller", "+447700900123", "agent", "agent-7", "direction", "inbound")));
    }

    /** {@code seconds} of a 440 Hz tone at half full scale, 8 kHz mono 16-bit PCM. */
    private static byte[] tone(int seconds) {
        int samples = RATE * seconds;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(UTF_8)).putInt(36 + samples * 2).put("WAVE".getBytes(UTF_8));
        wav.put("fmt ".getBytes(UTF_8)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2)
                .putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes(UTF_8)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) Math.round(16384 * Math.sin(2 * Math.PI * 440 * i / RATE)));
        }
        return wav.array();
    }

    /** The RMS of the 16-bit samples from {@code from} to {@code to} seconds of a WAV whose data starts at byte 44. */
    private static double rms(byte[] wav, double from, double to) {
        int rate = ByteBuffer.wrap(wav, 24, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int channels = ByteBuffer.wrap(wav, 22, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        ByteBuffer data = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int first = (int) Math.round(from * rate) * channels;
        int last = (int) Math.round(to * rate) * channels;
        double sum = 0;
        for (int i = first; i < last; i++) {
            double sample = data.getShort(44 + i * 2);
            sum += sample * sample;
        }
        return Math.sqrt(sum / (last - first));
    }

    /** The bytes outside two cut ranges, joined. */
    private static String outside(byte[] wav, double from1, double to1, double from2, double to2) {
        int a = 44 + (int) (from1 * RATE) * 2;
        int b = 44 + (int) (to1 * RATE) * 2;
        int c = 44 + (int) (from2 * RATE) * 2;
        int d = 44 + (int) (to2 * RATE) * 2;
        return Arrays.toString(Arrays.copyOfRange(wav, 0, a)) + Arrays.toString(Arrays.copyOfRange(wav, b, c))
                + Arrays.toString(Arrays.copyOfRange(wav, d, wav.length));
    }

    private static Map<String, String> tags(CatalogueEntry entry) {
        return s3.getObjectTagging(b -> b.bucket(bucket).key(entry.objectKey()).versionId(entry.versionId())).tagSet().stream()
                .collect(Collectors.toMap(tag -> tag.key(), tag -> tag.value()));
    }

    private static AuditEvent single(String subject, AuditAction action) {
        List<AuditEvent> events = audit.trailOf(subject).stream().filter(e -> e.action() == action).toList();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static Map<String, Object> range(double from, double to) {
        return Map.of("from", from, "to", to);
    }

    private static APIGatewayV2HTTPResponse copy(Map<String, String> claims, String recordingId, Map<String, Object> request) {
        return copy(handler, claims, recordingId, request);
    }

    /** The sample API request (events/http-api-request.json) to this route, by someone with those claims. */
    private static APIGatewayV2HTTPResponse copy(MakeTrainingCopyHandler through, Map<String, String> claims, String recordingId, Map<String, Object> request) {
        try {
            APIGatewayV2HTTPEvent event = SampleEvents.load("http-api-request.json", APIGatewayV2HTTPEvent.class);
            event.setRouteKey(MakeTrainingCopyHandler.MAKE_TRAINING_COPY);
            event.setPathParameters(Map.of("recordingId", recordingId));
            event.setBody(JSON.std.asString(request));
            event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
            return through.handleRequest(event, TestLambdaContext.of("MakeTrainingCopyFunction"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> staff(String username, String groups) {
        return Map.of("sub", username + "-" + UUID.randomUUID(), "username", username, "cognito:groups", "[" + groups + "]");
    }

    private static int status(APIGatewayV2HTTPResponse response) {
        return response.getStatusCode();
    }

    private static Map<String, Object> body(APIGatewayV2HTTPResponse response) throws Exception {
        return JSON.std.mapFrom(response.getBody());
    }

    private static String error(APIGatewayV2HTTPResponse response) {
        try {
            return (String) body(response).get("error");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
