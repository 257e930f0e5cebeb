package uk.callretention.playback;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.callretention.playback.Invocations.body;
import static uk.callretention.playback.Invocations.staff;
import static uk.callretention.playback.Invocations.status;
import static uk.callretention.recording.CatalogueEntryBuilder.anEntry;
import static uk.callretention.recording.CatalogueEntryBuilder.forKey;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.aws.CallerHashKey;
import uk.callretention.aws.CatalogueItem;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.aws.DynamoDbHolds;
import uk.callretention.policy.HoldReason;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.CatalogueEntryBuilder;
import uk.callretention.recording.RecordingId;
import uk.callretention.recording.RecordingState;
import uk.callretention.retention.Hold;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/**
 * What the console shows of a recording (agent, direction, duration, the platform's call id) in listings, subject
 * access and {@code GET /recordings/{recordingId}}, and who may see it, against local DynamoDB.
 */
@ExtendWith(LocalAwsExtension.class)
class RecordingDetailsIntegrationTest {

    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static final String CALLER_HASH = "c".repeat(64);

    static LocalAws aws;
    private static PlaybackUrlHandler handler;
    private static DynamoDbTable<CatalogueItem> catalogue;
    private static DynamoDbHolds holds;
    private static DynamoDbAuditLog audit;

    @BeforeAll
    static void startFunction() {
        handler = new PlaybackUrlHandler(PlaybackUrlFactory.fromEnvironment(aws.environmentOf("PlaybackUrlFunction"), new PrintStream(LOG, true, UTF_8)));
        catalogue = DynamoDbEnhancedClient.builder().dynamoDbClient(aws.clients().dynamoDb()).build()
                .table(aws.stack().tableName("CatalogueTable"), CatalogueItem.SCHEMA);
        holds = new DynamoDbHolds(aws.clients().dynamoDb(), aws.stack().tableName("HoldsTable"));
        audit = new DynamoDbAuditLog(aws.clients().dynamoDb(), aws.stack().tableName("AuditTable"));
    }

    @Test
    void listing_whenManagerListsTheirTeam_showsAgentDirectionDurationAndCallIdButNothingOfTheCaller() throws Exception {
        CatalogueEntry wav = recording("newark-sherwood", "housing-services", "2026-04-01T09:00:00Z", "CA-1001", Duration.ofMillis(83_250));
        CatalogueEntry mp3 = recording("newark-sherwood", "housing-services", "2026-04-01T10:00:00Z", "CA-1002", null);

        Map<String, Object> listing = body(call(PlaybackUrlHandler.LIST, staff("lister", "newark-sherwood:housing-services:manager"), null,
                Map.of("from", "2026-04-01", "to", "2026-04-01")));

        List<Map<String, Object>> recordings = recordings(listing);
        assertThat(recordings).extracting(r -> r.get("recordingId")).containsExactly(mp3.recordingId(), wav.recordingId());
        assertThat(recordings.get(1)).containsEntry("callId", "CA-1001").containsEntry("agent", "agent-7").containsEntry("direction", "inbound")
                .containsEntry("durationSeconds", 83.25);
        assertThat(recordings.get(0)).containsEntry("callId", "CA-1002").doesNotContainKey("durationSeconds");
        assertThat(JSON.std.asString(listing)).doesNotContain("callerHash", CALLER_HASH, "objectKey", "newark-sherwood/housing-services", "versionId");
    }

    @Test
    void subjectAccess_whenDpoFindsACallersRecordings_showsTheSameFields() throws Exception {
        // The subject access search finds recordings by the caller's keyed hash, which the route computes from the
        // number; here the entry is written with the hash of that number so the search finds it.
        Map<String, String> environment = aws.environmentOf("PlaybackUrlFunction");
        String hash = CallerHashKey.load(aws.clients().secretsManager(), environment.get("CALLER_HASH_SECRET_ARN"))
                .of("01780 480000").orElseThrow();
        CatalogueEntry entry = withCallerHash(recording("rutland", "customer-services", "2026-04-02T09:00:00Z", "CA-2001", Duration.ofSeconds(61)), hash);

        Map<String, Object> found = body(call(PlaybackUrlHandler.SUBJECT_ACCESS, staff("sar-dpo", "rutland:*:dpo"), null,
                Map.of("phone", "01780 480000", "from", "2026-04-02", "to", "2026-04-02")));

        assertThat(recordings(found)).singleElement().satisfies(r -> assertThat(r).containsEntry("recordingId", entry.recordingId())
                .containsEntry("callId", "CA-2001").containsEntry("agent", "agent-7").containsEntry("durationSeconds", 61.0)
                .doesNotContainKeys("callerHash", "objectKey"));
        assertThat(JSON.std.asString(found)).doesNotContain(hash, "480000");
    }

    @Test
    void recording_whenTheTeamsManagerOpensIt_answersItWithItsActiveHoldsOnlyAndIsAudited() throws Exception {
        CatalogueEntry entry = recording("rutland", "customer-services", "2026-04-03T09:00:00Z", "CA-3001", Duration.ofSeconds(5));
        Hold active = hold(entry, Hold.Status.ACTIVE, "CMP-77");
        hold(entry, Hold.Status.RELEASED, "CMP-12");
        Map<String, String> manager = staff("opener", "rutland:customer-services:manager");

        APIGatewayV2HTTPResponse answer = call(PlaybackUrlHandler.RECORDING, manager, entry.recordingId(), Map.of());

        assertThat(status(answer)).isEqualTo(200);
        Map<String, Object> recording = body(answer);
        assertThat(recording).containsEntry("recordingId", entry.recordingId()).containsEntry("callId", "CA-3001")
                .containsEntry("durationSeconds", 5.0).containsEntry("state", "active").doesNotContainKeys("objectKey", "callerHash", "versionId");
        assertThat(recording.get("holds")).isEqualTo(List.of(Map.of("holdId", active.holdId(), "recordingId", entry.recordingId(),
                "reason", "complaint-or-dispute", "reference", "CMP-77", "placedBy", "placer", "placedAt", "2026-04-03T10:00:00Z",
                "reviewOn", "2027-01-01", "active", true)));
        assertThat(audit.trailOf(entry.recordingId())).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.RECORDING_VIEWED);
            assertThat(event.outcome()).isEqualTo("allowed");
            assertThat(event.actor()).isEqualTo(manager.get("sub"));
        });
    }

    @Test
    void recording_whenTheDpoOpensIt_answersIt() throws Exception {
        CatalogueEntry entry = recording("newark-sherwood", "housing-services", "2026-04-04T09:00:00Z", "CA-4001", null);

        APIGatewayV2HTTPResponse answer = call(PlaybackUrlHandler.RECORDING, staff("dpo", "newark-sherwood:*:dpo"), entry.recordingId(), Map.of());

        assertThat(status(answer)).isEqualTo(200);
        assertThat(body(answer)).containsEntry("recordingId", entry.recordingId()).containsEntry("holds", List.of());
    }

    @Test
    void recording_whenAnotherTeamsManagerOrAnotherCouncilAsksForIt_answersExactlyAsAMissingOne() throws Exception {
        CatalogueEntry entry = recording("newark-sherwood", "housing-services", "2026-04-05T09:00:00Z", "CA-5001", null);

        APIGatewayV2HTTPResponse otherTeam = call(PlaybackUrlHandler.RECORDING, staff("nosy", "newark-sherwood:customer-services:manager"), entry.recordingId(), Map.of());
        APIGatewayV2HTTPResponse otherCouncil = call(PlaybackUrlHandler.RECORDING, staff("far", "rotherham:*:dpo"), entry.recordingId(), Map.of());
        APIGatewayV2HTTPResponse missing = call(PlaybackUrlHandler.RECORDING, staff("nosy", "newark-sherwood:customer-services:manager"),
                RecordingId.forKey("newark-sherwood/housing-services/phone/2026/04/05/none.wav"), Map.of());
        APIGatewayV2HTTPResponse malformed = call(PlaybackUrlHandler.RECORDING, staff("nosy", "newark-sherwood:customer-services:manager"), "rec-../../x", Map.of());

        assertThat(List.of(otherTeam, otherCouncil, missing, malformed)).extracting(Invocations::status).containsOnly(404);
        assertThat(body(otherTeam)).isEqualTo(body(missing)).isEqualTo(body(otherCouncil)).isEqualTo(body(malformed))
                .containsEntry("error", "not-found");
        assertThat(audit.trailOf(entry.recordingId())).extracting(AuditEvent::outcome).containsExactly("not-found", "not-found");
    }

    @Test
    void recording_whenTeamStaffAsk_seeItWithoutHoldsWhereTheCouncilTakesAccessRequestsElseAreRefused() throws Exception {
        CatalogueEntry rotherham = recording("rotherham", "contact-centre", "2026-04-06T09:00:00Z", "CA-6001", null);
        hold(rotherham, Hold.Status.ACTIVE, "POL-1");
        CatalogueEntry rutland = recording("rutland", "customer-services", "2026-04-06T09:00:00Z", "CA-6002", null);

        APIGatewayV2HTTPResponse requestingStaff = call(PlaybackUrlHandler.RECORDING, staff("agent", "rotherham:contact-centre:staff"),
                rotherham.recordingId(), Map.of());
        APIGatewayV2HTTPResponse noRequestsStaff = call(PlaybackUrlHandler.RECORDING, staff("agent", "rutland:customer-services:staff"),
                rutland.recordingId(), Map.of());

        assertThat(status(requestingStaff)).isEqualTo(200);
        assertThat(body(requestingStaff)).containsEntry("recordingId", rotherham.recordingId()).doesNotContainKey("holds");
        assertThat(JSON.std.asString(body(requestingStaff))).doesNotContain("POL-1");
        assertThat(status(noRequestsStaff)).isEqualTo(403);
        assertThat(body(noRequestsStaff)).containsEntry("error", "not-permitted");
    }

    @Test
    void recording_whenQuarantined_opensForTheDpoAloneAndTellsTheManagerWhy() throws Exception {
        CatalogueEntry entry = quarantined(recording("rutland", "customer-services", "2026-04-08T09:00:00Z", "CA-8001", null));

        APIGatewayV2HTTPResponse byManager = call(PlaybackUrlHandler.RECORDING, staff("curious", "rutland:customer-services:manager"), entry.recordingId(), Map.of());
        APIGatewayV2HTTPResponse byDpo = call(PlaybackUrlHandler.RECORDING, staff("dpo", "rutland:*:dpo"), entry.recordingId(), Map.of());

        assertThat(status(byManager)).isEqualTo(409);
        assertThat(body(byManager)).containsEntry("error", "recording-quarantined");
        assertThat(status(byDpo)).isEqualTo(200);
        assertThat(body(byDpo)).containsEntry("state", "quarantined").containsEntry("quarantineReason", "date-mismatch");
    }

    @Test
    void recording_whenDeleted_is410ForThoseInScope() throws Exception {
        CatalogueEntry entry = recording("rutland", "customer-services", "2026-04-07T09:00:00Z", "CA-7001", null);
        catalogue.putItem(CatalogueItem.from(anEntry().recordingId(entry.recordingId()).versionId(entry.versionId()).state(RecordingState.DELETED).council("rutland")
                .team("customer-services").channel("phone").recordedOn(entry.recordedOn()).cataloguedAt(Instant.now()).build()));

        APIGatewayV2HTTPResponse answer = call(PlaybackUrlHandler.RECORDING, staff("late", "rutland:customer-services:manager"), entry.recordingId(), Map.of());

        assertThat(status(answer)).isEqualTo(410);
        assertThat(body(answer)).containsEntry("error", "recording-deleted");
    }

    @Test
    void callSearch_whenManagerOrDpoSearchesACallId_findsItsRecordingsInTheirScopeOnly() throws Exception {
        CatalogueEntry theirs = recording("newark-sherwood", "housing-services", "2026-04-10T09:00:00Z", "CA-9001", Duration.ofSeconds(30));
        CatalogueEntry transferred = recording("newark-sherwood", "customer-services", "2026-04-10T09:05:00Z", "CA-9001", null);
        CatalogueEntry quarantined = quarantined(recording("newark-sherwood", "housing-services", "2026-04-11T09:00:00Z", "CA-9001", null));
        recording("newark-sherwood", "housing-services", "2026-04-10T09:00:00Z", "CA-9002", null);
        recording("rutland", "customer-services", "2026-04-10T09:00:00Z", "CA-9001", null);
        Map<String, String> manager = staff("searcher", "newark-sherwood:housing-services:manager");

        APIGatewayV2HTTPResponse managers = call(PlaybackUrlHandler.LIST, manager, null, Map.of("callId", "CA-9001"));
        APIGatewayV2HTTPResponse dpos = call(PlaybackUrlHandler.LIST, staff("searching-dpo", "newark-sherwood:*:dpo"), null, Map.of("callId", "CA-9001"));
        APIGatewayV2HTTPResponse none = call(PlaybackUrlHandler.LIST, manager, null, Map.of("callId", "CA-0000"));

        assertThat(status(managers)).isEqualTo(200);
        assertThat(recordings(body(managers))).singleElement().satisfies(r -> assertThat(r).containsEntry("recordingId", theirs.recordingId())
                .containsEntry("callId", "CA-9001").containsEntry("durationSeconds", 30.0));
        assertThat(recordings(body(dpos))).extracting(r -> r.get("recordingId"))
                .containsExactly(quarantined.recordingId(), transferred.recordingId(), theirs.recordingId());
        assertThat(status(none)).isEqualTo(200);
        assertThat(body(none)).isEqualTo(Map.of("recordings", List.of()));
        assertThat(audit.trailOf("call:newark-sherwood")).filteredOn(event -> event.actor().equals(manager.get("sub")))
                .hasSize(2).allSatisfy(event -> {
                    assertThat(event.action()).isEqualTo(AuditAction.LISTED);
                    assertThat(event.outcome()).isEqualTo("allowed");
                    assertThat(event.details()).containsEntry("search", "by call id").containsKey("callId");
                });
    }

    @Test
    void callSearch_whenTheDatesLeaveTheCallOut_findsNothing() throws Exception {
        recording("newark-sherwood", "careline-services", "2026-04-12T09:00:00Z", "CA-9101", null);
        Map<String, String> manager = staff("dated", "newark-sherwood:careline-services:manager");

        assertThat(recordings(body(call(PlaybackUrlHandler.LIST, manager, null, Map.of("callId", "CA-9101", "from", "2026-04-12", "to", "2026-04-12")))))
                .hasSize(1);
        assertThat(recordings(body(call(PlaybackUrlHandler.LIST, manager, null, Map.of("callId", "CA-9101", "from", "2026-04-13"))))).isEmpty();
    }

    @Test
    void callSearch_whenStaffOrSomeoneOfAnotherCouncilSearches_isRefusedAsListingIs() throws Exception {
        recording("newark-sherwood", "housing-services", "2026-04-13T09:00:00Z", "CA-9201", null);

        APIGatewayV2HTTPResponse byStaff = call(PlaybackUrlHandler.LIST, staff("agent", "newark-sherwood:housing-services:staff"), null, Map.of("callId", "CA-9201"));
        APIGatewayV2HTTPResponse byOutsider = call(PlaybackUrlHandler.LIST, staff("outsider", "rotherham:contact-centre:manager"), null,
                Map.of("callId", "CA-9201", "council", "newark-sherwood"));

        assertThat(status(byStaff)).isEqualTo(403);
        assertThat(status(byOutsider)).isEqualTo(403);
        assertThat(JSON.std.asString(body(byStaff)) + JSON.std.asString(body(byOutsider))).doesNotContain("rec-");
    }

    @Test
    void callSearch_whenTheCallIdIsEmptyTooLongOrComesWithTeamOrQuarantined_is400SayingWhat() throws Exception {
        Map<String, String> manager = staff("careless", "newark-sherwood:housing-services:manager");

        assertThat(refusal(call(PlaybackUrlHandler.LIST, manager, null, Map.of("callId", "")))).contains("callId is empty");
        assertThat(refusal(call(PlaybackUrlHandler.LIST, manager, null, Map.of("callId", "  ")))).contains("callId is empty");
        assertThat(refusal(call(PlaybackUrlHandler.LIST, manager, null, Map.of("callId", "é".repeat(513))))).contains("1024 bytes");
        assertThat(refusal(call(PlaybackUrlHandler.LIST, manager, null, Map.of("callId", "x".repeat(1025))))).contains("callId");
        assertThat(refusal(call(PlaybackUrlHandler.LIST, manager, null, Map.of("callId", "a/b")))).contains("cannot contain /");
        assertThat(refusal(call(PlaybackUrlHandler.LIST, manager, null, Map.of("callId", "CA-1", "team", "housing-services"))))
                .contains("leave out team and quarantined");
        assertThat(refusal(call(PlaybackUrlHandler.LIST, manager, null, Map.of("callId", "CA-1", "quarantined", "true"))))
                .contains("leave out team and quarantined");
        assertThat(audit.trailOf("call:newark-sherwood")).filteredOn(event -> event.actor().equals(manager.get("sub")))
                .extracting(AuditEvent::outcome).containsOnly("bad-request").hasSize(7);
    }

    /** Each test class has its own tables, so call ids need only differ within this class. */
    private static CatalogueEntry recording(String council, String team, String recordedAt, String callId, Duration duration) {
        String key = council + "/" + team + "/phone/" + recordedAt.substring(0, 10).replace('-', '/') + "/" + callId + ".wav";
        CatalogueEntry entry = forKey(key).versionId("v1").ordering("t1").state(RecordingState.ACTIVE).council(council).team(team).channel("phone")
                .recordedAt(Instant.parse(recordedAt)).recordedOn(LocalDate.parse(recordedAt.substring(0, 10))).retentionClass("P3M")
                .expiresOn(LocalDate.now().plusMonths(3)).policyRef(council + "@1").callerHash(CALLER_HASH).agent("agent-7")
                .direction("inbound").contentType("audio/wav").sizeBytes(12).duration(duration).cataloguedAt(Instant.now()).build();
        catalogue.putItem(CatalogueItem.from(entry));
        return entry;
    }

    private static CatalogueEntry quarantined(CatalogueEntry e) {
        CatalogueEntry entry = CatalogueEntryBuilder.from(e).state(RecordingState.QUARANTINED).retentionClass("quarantine").policyRef(null)
                .quarantineReason("date-mismatch").quarantineDetail("recorded-at falls on another day").build();
        catalogue.putItem(CatalogueItem.from(entry));
        return entry;
    }

    private static CatalogueEntry withCallerHash(CatalogueEntry e, String hash) {
        CatalogueEntry entry = CatalogueEntryBuilder.from(e).callerHash(hash).quarantineReason(null).quarantineDetail(null).build();
        catalogue.putItem(CatalogueItem.from(entry));
        return entry;
    }

    private static Hold hold(CatalogueEntry entry, Hold.Status status, String reference) {
        Hold hold = new Hold(entry.recordingId(), "hold-" + UUID.randomUUID(), entry.council(), HoldReason.COMPLAINT_OR_DISPUTE, reference, "placer",
                Instant.parse("2026-04-03T10:00:00Z"), LocalDate.parse("2027-01-01"),
                status == Hold.Status.RELEASED ? "releaser" : null, status == Hold.Status.RELEASED ? Instant.parse("2026-04-03T11:00:00Z") : null, status);
        holds.add(hold);
        return hold;
    }

    private static APIGatewayV2HTTPResponse call(String routeKey, Map<String, String> claims, String recordingId, Map<String, String> query) {
        return handler.handleRequest(Invocations.apiEvent(routeKey, claims, recordingId, query, null), Invocations.context());
    }

    /** The 400's message. */
    private static String refusal(APIGatewayV2HTTPResponse response) throws Exception {
        assertThat(status(response)).isEqualTo(400);
        return (String) body(response).get("message");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> recordings(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("recordings");
    }
}
