package uk.callretention.playback;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static uk.callretention.playback.Invocations.body;
import static uk.callretention.playback.Invocations.staff;
import static uk.callretention.playback.Invocations.status;
import static uk.callretention.recording.CatalogueEntryBuilder.forKey;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import uk.callretention.access.JsonBody;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.aws.CallerHashKey;
import uk.callretention.aws.CatalogueItem;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingId;
import uk.callretention.recording.RecordingState;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/** The playback function's routes against local S3 and DynamoDB, called in-process with API Gateway's v2 events. */
@ExtendWith(LocalAwsExtension.class)
class PlaybackUrlIntegrationTest {

    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static final String CALLER = "01572 722577";

    static LocalAws aws;
    private static PlaybackUrlHandler handler;
    private static DynamoDbTable<CatalogueItem> catalogue;
    private static DynamoDbAuditLog audit;
    private static Map<String, String> environment;

    @BeforeAll
    static void startFunction() {
        environment = aws.environmentOf("PlaybackUrlFunction");
        handler = new PlaybackUrlHandler(PlaybackUrlFactory.fromEnvironment(environment, new PrintStream(LOG, true, UTF_8)));
        catalogue = DynamoDbEnhancedClient.builder().dynamoDbClient(aws.clients().dynamoDb()).build()
                .table(aws.stack().tableName("CatalogueTable"), CatalogueItem.SCHEMA);
        audit = new DynamoDbAuditLog(aws.clients().dynamoDb(), aws.stack().tableName("AuditTable"));
    }

    @BeforeEach
    void clearLog() {
        LOG.reset();
    }

    @Test
    void playbackUrls_whenMoreThanTheCouncilsHourlyLimit_are429AuditedAndCounted() throws Exception {
        CatalogueEntry recording = recording("rutland", "customer-services", "2026-01-10T09:00:00Z", CALLER);
        Map<String, String> manager = staff("busy-manager", "rutland:customer-services:manager");
        Instant beforeFirst = Instant.now();
        for (int i = 0; i < 20; i++) {
            assertThat(status(call(PlaybackUrlHandler.PLAYBACK_URL, manager, recording.recordingId(), Map.of(), "{\"purpose\":\"training\"}"))).isEqualTo(200);
        }

        APIGatewayV2HTTPResponse refused = call(PlaybackUrlHandler.PLAYBACK_URL, manager, recording.recordingId(), Map.of(), "{\"purpose\":\"training\"}");

        Instant afterRefusal = Instant.now();
        assertThat(status(refused)).isEqualTo(429);
        assertThat(body(refused)).containsEntry("error", "too-many-playback-urls").containsEntry("limit", 20);
        Instant retryAfter = Instant.parse((String) body(refused).get("retryAfter"));
        assertThat(retryAfter).as("when the first link leaves the hour").isBetween(beforeFirst.plus(Duration.ofHours(1)), afterRefusal.plus(Duration.ofHours(1)));
        assertThat((String) body(refused).get("message")).startsWith("You have asked for 20 playback links in the last hour, the most Rutland County Council allows. "
                + "You can ask again after ");
        @SuppressWarnings("unchecked")
        long waitSeconds = Long.parseLong(refused.getHeaders().get("retry-after"));
        assertThat(waitSeconds).as("whole seconds to the retryAfter instant").isBetween(Duration.between(afterRefusal, retryAfter).getSeconds(),
                Duration.between(beforeFirst, retryAfter).getSeconds() + 1);
        List<AuditEvent> trail = audit.trailOf(recording.recordingId());
        assertThat(trail).hasSize(21);
        assertThat(trail.get(20).action()).isEqualTo(AuditAction.PLAYBACK_REFUSED);
        assertThat(trail.get(20).outcome()).isEqualTo("too-many-playback-urls");
        assertThat(LOG.toString(UTF_8)).contains("\"ApiRequestsRefused\":1").contains("\"Error\":\"too-many-playback-urls\"")
                .doesNotContain("X-Amz-Signature");
    }

    /** The race the guard must win: requests that each see room under the limit, arriving together. Tried for several people. */
    @Test
    void playbackUrls_whenSixteenArriveAtOnceWithFiveOfTheHourLeft_issueFiveAndRefuseTheRest() throws Exception {
        CatalogueEntry recording = recording("rutland", "customer-services", "2026-01-10T09:10:00Z", CALLER);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 4; round++) {
                Map<String, String> manager = staff("racing-manager", "rutland:customer-services:manager");
                for (int i = 0; i < 15; i++) {
                    assertThat(status(call(PlaybackUrlHandler.PLAYBACK_URL, manager, recording.recordingId(), Map.of(), "{\"purpose\":\"training\"}")))
                            .isEqualTo(200);
                }
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    answers.add(clients.submit(() -> {
                        start.await();
                        return status(call(PlaybackUrlHandler.PLAYBACK_URL, manager, recording.recordingId(), Map.of(), "{\"purpose\":\"training\"}"));
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get(60, TimeUnit.SECONDS));
                }

                assertThat(statuses).as("round %d", round).filteredOn(s -> s == 200).hasSize(5);
                assertThat(statuses).as("round %d", round).filteredOn(s -> s == 429).hasSize(11);
                List<AuditEvent> theirs = audit.trailOf(recording.recordingId()).stream().filter(e -> e.actor().equals(manager.get("sub"))).toList();
                assertThat(theirs).filteredOn(e -> e.action() == AuditAction.PLAYBACK_URL_ISSUED).hasSize(20)
                        .allSatisfy(e -> assertThat(e.outcome()).isEqualTo("allowed"));
                assertThat(theirs).filteredOn(e -> e.action() == AuditAction.PLAYBACK_REFUSED).hasSize(11)
                        .allSatisfy(e -> assertThat(e.outcome()).isEqualTo("too-many-playback-urls"));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void playbackUrl_whenBodyIsMissingMalformedOrOversized_is400Or413AndAudited() throws Exception {
        CatalogueEntry recording = recording("rutland", "customer-services", "2026-01-10T09:05:00Z", CALLER);
        Map<String, String> manager = staff("careless-manager", "rutland:customer-services:manager");

        assertThat(status(call(PlaybackUrlHandler.PLAYBACK_URL, manager, recording.recordingId(), Map.of(), null))).isEqualTo(400);
        assertThat(status(call(PlaybackUrlHandler.PLAYBACK_URL, manager, recording.recordingId(), Map.of(), "[\"complaint\"]"))).isEqualTo(400);
        assertThat(status(call(PlaybackUrlHandler.PLAYBACK_URL, manager, recording.recordingId(), Map.of(), "{\"purpose\":7}"))).isEqualTo(400);
        assertThat(status(call(PlaybackUrlHandler.PLAYBACK_URL, manager, recording.recordingId(), Map.of(),
                "{\"purpose\":\"complaint\",\"note\":\"" + "x".repeat(JsonBody.MAX_BYTES) + "\"}"))).isEqualTo(413);

        assertThat(audit.trailOf(recording.recordingId())).extracting(AuditEvent::outcome)
                .containsExactly("bad-request", "bad-request", "bad-request", "body-too-large");
    }

    @Test
    void playbackUrl_whenIdIsNotARecordingId_is404LikeAnyMissingOne() throws Exception {
        Map<String, String> manager = staff("typo-manager", "rutland:customer-services:manager");

        APIGatewayV2HTTPResponse missing = call(PlaybackUrlHandler.PLAYBACK_URL, manager, RecordingId.forKey("no/such/key"), Map.of(), "{\"purpose\":\"complaint\"}");
        APIGatewayV2HTTPResponse malformed = call(PlaybackUrlHandler.PLAYBACK_URL, manager, "../../etc", Map.of(), "{\"purpose\":\"complaint\"}");

        assertThat(body(missing)).isEqualTo(body(malformed)).containsEntry("error", "not-found");
        assertThat(audit.trailOf("malformed-recording-id")).isNotEmpty();
    }

    @Test
    void listing_whenManagerPagesThroughTheirTeam_seesNewestFirstWithoutCallerData() throws Exception {
        String team = "housing-services";
        for (int day = 1; day <= 5; day++) {
            recording("newark-sherwood", team, "2026-02-0" + day + "T12:00:00Z", CALLER);
        }
        recording("newark-sherwood", "customer-services", "2026-02-03T12:00:00Z", CALLER);
        Map<String, String> manager = staff("lister", "newark-sherwood:housing-services:manager");

        Map<String, Object> first = body(call(PlaybackUrlHandler.LIST, manager, null, Map.of("from", "2026-02-02", "to", "2026-02-05", "limit", "3"), null));
        Map<String, Object> second = body(call(PlaybackUrlHandler.LIST, manager, null,
                Map.of("from", "2026-02-02", "to", "2026-02-05", "limit", "3", "nextToken", (String) first.get("nextToken")), null));

        assertThat(recordedAt(first)).containsExactly("2026-02-05T12:00:00Z", "2026-02-04T12:00:00Z", "2026-02-03T12:00:00Z");
        assertThat(recordedAt(second)).containsExactly("2026-02-02T12:00:00Z");
        assertThat(JSON.std.asString(first) + JSON.std.asString(second)).doesNotContain("callerHash", "objectKey", "versionId");
        assertThat(status(call(PlaybackUrlHandler.LIST, manager, null, Map.of("team", "customer-services"), null))).isEqualTo(404);
        assertThat(status(call(PlaybackUrlHandler.LIST, staff("dpo-lister", "newark-sherwood:*:dpo"), null,
                Map.of("team", "customer-services", "from", "2026-02-03", "to", "2026-02-03"), null))).isEqualTo(200);
        assertThat(status(call(PlaybackUrlHandler.LIST, manager, null,
                Map.of("nextToken", (String) first.get("nextToken"), "team", "housing-services", "council", "rutland"), null))).isEqualTo(404);
    }

    @Test
    void subjectAccess_whenDpoSearchesByPhoneNumber_findsTheCallersRecordingsInTheirCouncilOnly() throws Exception {
        String caller = "+44 1636 650000";
        CatalogueEntry theirs = recording("south-hams", "contact-centre", "2026-03-01T10:00:00Z", "01636 650000");
        recording("south-hams", "contact-centre", "2026-03-01T11:00:00Z", "01636 650001");
        recording("rutland", "customer-services", "2026-03-01T12:00:00Z", "01636 650000");

        APIGatewayV2HTTPResponse found = call(PlaybackUrlHandler.SUBJECT_ACCESS, staff("sh-dpo", "south-hams:*:dpo"), null,
                Map.of("phone", caller, "from", "2026-03-01", "to", "2026-03-31"), null);

        assertThat(status(found)).isEqualTo(200);
        assertThat(field(body(found), "recordings", "recordingId")).containsExactly(theirs.recordingId());
        assertThat(status(call(PlaybackUrlHandler.SUBJECT_ACCESS, staff("sh-manager", "south-hams:contact-centre:manager"), null,
                Map.of("phone", caller), null))).isEqualTo(403);
        List<AuditEvent> searches = audit.trailOf("search:south-hams");
        assertThat(searches).extracting(AuditEvent::outcome).containsExactly("allowed", "not-permitted");
        assertThat(JSON.std.asString(searches) + LOG.toString(UTF_8)).doesNotContain("1636", "650000");
    }

    @Test
    void release_whenDpoReleasesToPolice_getsADownloadLinkAuditedAsARelease() throws Exception {
        CatalogueEntry recording = recording("rotherham", "contact-centre", "2026-03-02T10:00:00Z", CALLER);

        APIGatewayV2HTTPResponse released = call(PlaybackUrlHandler.RELEASE, staff("rot-dpo", "rotherham:*:dpo"), recording.recordingId(), Map.of(),
                "{\"recipient\":\"police\",\"reference\":\"SYP-2026-0042\"}");
        APIGatewayV2HTTPResponse byManager = call(PlaybackUrlHandler.RELEASE, staff("rot-manager", "rotherham:contact-centre:manager"),
                recording.recordingId(), Map.of(), "{\"recipient\":\"police\",\"reference\":\"SYP-2026-0042\"}");

        assertThat(status(released)).isEqualTo(200);
        assertThat(URLDecoder.decode((String) body(released).get("url"), UTF_8)).contains("attachment; filename=\"" + recording.recordingId() + ".wav\"");
        assertThat(status(byManager)).isEqualTo(403);
        assertThat(audit.trailOf(recording.recordingId())).extracting(AuditEvent::action, AuditEvent::outcome).containsExactly(
                tuple(AuditAction.RELEASE_URL_ISSUED, "allowed"),
                tuple(AuditAction.RELEASE_URL_ISSUED, "not-permitted"));
        assertThat(audit.trailOf(recording.recordingId()).get(0).details()).containsEntry("recipient", "police");
    }

    @Test
    void auditTrail_whenDpoReadsIt_showsEveryAccessIncludingThisReading() throws Exception {
        CatalogueEntry recording = recording("rutland", "customer-services", "2026-03-03T10:00:00Z", CALLER);
        call(PlaybackUrlHandler.PLAYBACK_URL, staff("trail-manager", "rutland:customer-services:manager"), recording.recordingId(), Map.of(),
                "{\"purpose\":\"complaint\",\"reference\":\"C-9\"}");

        APIGatewayV2HTTPResponse trail = call(PlaybackUrlHandler.AUDIT_TRAIL, staff("trail-dpo", "rutland:*:dpo"), recording.recordingId(), Map.of(), null);
        APIGatewayV2HTTPResponse byManager = call(PlaybackUrlHandler.AUDIT_TRAIL, staff("trail-manager", "rutland:customer-services:manager"),
                recording.recordingId(), Map.of(), null);

        assertThat(status(trail)).isEqualTo(200);
        assertThat(field(body(trail), "events", "action"))
                .containsExactly("PLAYBACK_URL_ISSUED", "AUDIT_TRAIL_READ");
        assertThat(status(byManager)).isEqualTo(403);
    }

    @Test
    void request_whenTheClaimsCarryNoSubject_is401() throws Exception {
        assertThat(status(call(PlaybackUrlHandler.LIST, Map.of(), null, Map.of(), null))).isEqualTo(401);
    }

    private static CatalogueEntry recording(String council, String team, String recordedAt, String caller) {
        String key = council + "/" + team + "/phone/" + recordedAt.substring(0, 10).replace('-', '/') + "/" + UUID.randomUUID() + ".wav";
        String versionId = aws.clients().s3().putObject(b -> b.bucket(aws.stack().bucketName("RecordingsBucket")).key(key),
                RequestBody.fromBytes("RIFF....WAVE".getBytes(UTF_8))).versionId();
        String callerHash = CallerHashKey.load(aws.clients().secretsManager(), environment.get("CALLER_HASH_SECRET_ARN")).of(caller).orElseThrow();
        CatalogueEntry entry = forKey(key).versionId(versionId).ordering("t1").state(RecordingState.ACTIVE).council(council).team(team).channel("phone")
                .recordedAt(Instant.parse(recordedAt)).recordedOn(LocalDate.parse(recordedAt.substring(0, 10))).retentionClass("P3M")
                .expiresOn(LocalDate.now().plusMonths(3)).policyRef(council + "@1").callerHash(callerHash).agent("agent-1")
                .direction("inbound").contentType("audio/wav").sizeBytes(12).cataloguedAt(Instant.now()).build();
        catalogue.putItem(CatalogueItem.from(entry));
        return entry;
    }

    private static APIGatewayV2HTTPResponse call(String routeKey, Map<String, String> claims, String recordingId, Map<String, String> query, String body) {
        return handler.handleRequest(Invocations.apiEvent(routeKey, claims, recordingId, query, body), Invocations.context());
    }

    private static List<Object> recordedAt(Map<String, Object> listing) {
        return field(listing, "recordings", "recordedAt");
    }

    /** One field of each object in a list in the body. */
    private static List<Object> field(Map<String, Object> body, String list, String name) {
        return ((List<?>) body.get(list)).stream().map(item -> ((Map<?, ?>) item).get(name)).map(Object.class::cast).toList();
    }
}
