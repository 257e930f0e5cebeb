package uk.callretention.manage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.http.ApiEvents;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.RecordingId;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.TestLambdaContext;
import uk.callretention.testsupport.Uploads;

/**
 * {@code GET /holds}: a council's active holds for its DPO, read from the holds table's sparse review index, with
 * holds placed through the API on recordings uploaded and tagged as the platform and the tagger do. Each test works in
 * a council of its own, so the lists do not meet.
 */
@ExtendWith(LocalAwsExtension.class)
class ActiveHoldsIntegrationTest {

    /** How far ahead the clock of the function that lists is set: holds due for review before then are overdue. */
    private static final Duration LATER = Duration.ofDays(20);

    static LocalAws aws;
    private static ManageRecordingHandler now;
    private static ManageRecordingHandler later;
    private static Uploads uploads;
    private static DynamoDbAuditLog audit;
    private static LocalDate today;

    @BeforeAll
    static void startFunction() {
        Map<String, String> environment = aws.environmentOf("ManageRecordingFunction");
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, UTF_8);
        now = new ManageRecordingHandler(ManageRecordingFactory.fromEnvironment(environment, log));
        later = new ManageRecordingHandler(ManageRecordingFactory.fromEnvironment(environment, log, Clock.offset(Clock.systemUTC(), LATER)));
        uploads = new Uploads(aws);
        audit = new DynamoDbAuditLog(aws.clients().dynamoDb(), aws.stack().tableName("AuditTable"));
        today = LocalDate.now(RetentionSchedule.UK);
    }

    @Test
    void holds_whenTheDpoLists_givesActiveHoldsOverdueFirstThenByReviewDateWithTheirTeams() throws Exception {
        Map<String, String> dpo = staff("ns-dpo", "newark-sherwood:*:dpo");
        String dueLast = hold(dpo, recording("newark-sherwood", "customer-services"), today.plusDays(60), "CMP-3");
        String overdueSecond = hold(dpo, recording("newark-sherwood", "housing-services"), today.plusDays(15), "CMP-2");
        String notYetDue = hold(dpo, recording("newark-sherwood", "careline-services"), today.plusDays(30), "CMP-4");
        String overdueFirst = hold(dpo, recording("newark-sherwood", "customer-services"), today.plusDays(5), "CMP-1");

        APIGatewayV2HTTPResponse answer = call(later, dpo, Map.of("council", "newark-sherwood"));

        assertThat(status(answer)).isEqualTo(200);
        Map<String, Object> body = body(answer);
        assertThat(body).containsEntry("council", "newark-sherwood").doesNotContainKey("nextToken");
        List<Map<String, Object>> holds = holds(body);
        assertThat(holds).extracting(h -> h.get("holdId")).containsExactly(overdueFirst, overdueSecond, notYetDue, dueLast);
        assertThat(holds).extracting(h -> h.get("overdue")).containsExactly(true, true, false, false);
        assertThat(holds).extracting(h -> h.get("team")).containsExactly("customer-services", "housing-services", "careline-services", "customer-services");
        assertThat(holds.get(0)).containsEntry("reason", "complaint-or-dispute").containsEntry("reference", "CMP-1")
                .containsEntry("reviewOn", today.plusDays(5).toString()).containsEntry("placedBy", dpo.get("sub"))
                .containsKeys("recordingId", "placedAt");
        assertThat(holds(body(call(now, dpo, Map.of("council", "newark-sherwood"))))).extracting(h -> h.get("overdue"))
                .containsOnly(false);
    }

    @Test
    void holds_whenAHoldIsReleased_leaveTheList() throws Exception {
        Map<String, String> dpo = staff("sh-dpo", "south-hams:*:dpo");
        String recording = recording("south-hams", "contact-centre");
        String kept = hold(dpo, recording, today.plusDays(10), "LC-1");
        String released = hold(dpo, recording, today.plusDays(20), "LC-2");
        assertThat(holdIds(call(now, dpo, Map.of()))).containsExactly(kept, released);

        APIGatewayV2HTTPResponse release = release(dpo, recording, released);

        assertThat(status(release)).isEqualTo(200);
        assertThat(holdIds(call(now, dpo, Map.of()))).containsExactly(kept);
    }

    @Test
    void holds_whenMoreThanAPage_pageWithNextTokenInReviewOrderAndRefuseAForgedToken() throws Exception {
        Map<String, String> dpo = staff("rutland-dpo", "rutland:*:dpo");
        List<String> placed = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            placed.add(hold(dpo, recording("rutland", "customer-services"), today.plusDays(day), "R-" + day));
        }

        Map<String, Object> first = body(call(now, dpo, Map.of("council", "rutland", "limit", "2")));
        Map<String, Object> second = body(call(now, dpo, Map.of("council", "rutland", "limit", "2", "nextToken", (String) first.get("nextToken"))));
        Map<String, Object> third = body(call(now, dpo, Map.of("council", "rutland", "limit", "2", "nextToken", (String) second.get("nextToken"))));

        List<Object> paged = new ArrayList<>();
        List.of(first, second, third).forEach(page -> holds(page).forEach(h -> paged.add(h.get("holdId"))));
        assertThat(paged).isEqualTo(placed);
        assertThat(third).doesNotContainKey("nextToken");
        String unfinished = Base64.getUrlEncoder().withoutPadding().encodeToString("#unfinished#".getBytes(UTF_8));
        APIGatewayV2HTTPResponse forged = call(now, dpo, Map.of("council", "rutland", "nextToken", unfinished));
        assertThat(status(forged)).isEqualTo(400);
        assertThat(body(forged)).containsEntry("error", "bad-request");
        assertThat(status(call(now, dpo, Map.of("council", "rutland", "limit", "101")))).isEqualTo(400);
    }

    @Test
    void holds_whoMay_theDpoOnly_othersOfTheCouncil403_everyoneElse404AsIfNoSuchCouncil() throws Exception {
        Map<String, String> dpo = staff("rot-dpo", "rotherham:*:dpo");
        hold(dpo, recording("rotherham", "contact-centre"), today.plusDays(3), "SYP-1");

        assertThat(status(call(now, dpo, Map.of("council", "rotherham")))).isEqualTo(200);
        assertThat(error(call(now, staff("rot-manager", "rotherham:contact-centre:manager"), Map.of("council", "rotherham")))).isEqualTo("not-permitted");
        assertThat(error(call(now, staff("rot-staff", "rotherham:contact-centre:staff"), Map.of()))).isEqualTo("not-permitted");
        APIGatewayV2HTTPResponse otherCouncil = call(now, staff("rutland-dpo", "rutland:*:dpo"), Map.of("council", "rotherham"));
        APIGatewayV2HTTPResponse noCouncil = call(now, staff("rutland-dpo", "rutland:*:dpo"), Map.of("council", "atlantis"));
        assertThat(status(otherCouncil)).isEqualTo(404);
        assertThat(body(otherCouncil)).isEqualTo(body(noCouncil)).containsEntry("error", "not-found");
        assertThat(error(call(now, staff("two-councils", "south-hams:*:dpo rutland:*:dpo"), Map.of()))).isEqualTo("bad-request");
        assertThat(status(call(now, Map.of(), Map.of("council", "rotherham")))).isEqualTo(401);

        assertThat(audit.trailOf("holds:rotherham")).extracting(AuditEvent::action).containsOnly(AuditAction.LISTED);
        assertThat(audit.trailOf("holds:rotherham")).extracting(AuditEvent::outcome)
                .containsExactly("allowed", "not-permitted", "not-permitted", "not-found");
    }

    private static String recording(String council, String team) {
        LocalDate yesterday = today.minusDays(1);
        String key = council + "/" + team + "/phone/" + yesterday.format(DateTimeFormatter.ofPattern("yyyy/MM/dd")) + "/" + UUID.randomUUID() + ".wav";
        uploads.tagged(key, Map.of("recorded-at", yesterday.atTime(12, 0).atZone(RetentionSchedule.UK).toInstant().toString()));
        return RecordingId.forKey(key);
    }

    private static String hold(Map<String, String> dpo, String recordingId, LocalDate reviewOn, String reference) throws Exception {
        APIGatewayV2HTTPResponse placed = invoke(now, event(ManageRecordingHandler.PLACE_HOLD, dpo, Map.of("recordingId", recordingId), Map.of(),
                JSON.std.asString(Map.of("reason", "complaint-or-dispute", "reference", reference, "reviewOn", reviewOn.toString()))));
        assertThat(status(placed)).as(placed.toString()).isEqualTo(201);
        return (String) body(placed).get("holdId");
    }

    private static APIGatewayV2HTTPResponse release(Map<String, String> dpo, String recordingId, String holdId) {
        return invoke(now, event(ManageRecordingHandler.RELEASE_HOLD, dpo, Map.of("recordingId", recordingId, "holdId", holdId), Map.of(), null));
    }

    private static APIGatewayV2HTTPResponse call(ManageRecordingHandler handler, Map<String, String> claims, Map<String, String> query) {
        return invoke(handler, event(ManageRecordingHandler.ACTIVE_HOLDS, claims, Map.of(), query, null));
    }

    /** An API Gateway HTTP API v2 event as the JWT authorizer passes it on. */
    private static APIGatewayV2HTTPEvent event(String routeKey, Map<String, String> claims, Map<String, String> path, Map<String, String> query,
                                               String body) {
        APIGatewayV2HTTPEvent event = ApiEvents.signedIn(routeKey, claims, UUID.randomUUID().toString());
        event.setPathParameters(path);
        event.setQueryStringParameters(query);
        event.setBody(body);
        return event;
    }

    private static APIGatewayV2HTTPResponse invoke(ManageRecordingHandler handler, APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, TestLambdaContext.of("ManageRecordingFunction"));
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

    private static String error(APIGatewayV2HTTPResponse response) throws Exception {
        return (String) body(response).get("error");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> holds(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("holds");
    }

    private static List<Object> holdIds(APIGatewayV2HTTPResponse response) throws Exception {
        return holds(body(response)).stream().map(h -> h.get("holdId")).toList();
    }
}
