package uk.callretention.playback;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/** {@code GET /me}: what the console may offer the signed-in member of staff, from their groups and the councils' policies. */
@ExtendWith(LocalAwsExtension.class)
class MeIntegrationTest {

    static LocalAws aws;
    private static PlaybackUrlHandler handler;
    private static DynamoDbAuditLog audit;

    @BeforeAll
    static void startFunction() {
        Map<String, String> environment = aws.environmentOf("PlaybackUrlFunction");
        handler = new PlaybackUrlHandler(PlaybackUrlFactory.fromEnvironment(environment, new PrintStream(new ByteArrayOutputStream(), true, UTF_8)));
        audit = new DynamoDbAuditLog(aws.clients().dynamoDb(), aws.stack().tableName("AuditTable"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void me_whenAManagerAsks_namesTheirTeamAndTheCouncilsChoices() throws Exception {
        Map<String, Object> me = me("rutland-manager", "[rutland:customer-services:manager]");

        assertThat(me).containsEntry("username", "rutland-manager");
        assertThat(councils(me)).singleElement().satisfies(rutland -> {
            assertThat(rutland).containsEntry("council", "rutland").containsEntry("name", "Rutland County Council").containsEntry("dpo", false)
                    .containsEntry("accessRequestsRequired", false).containsEntry("maxUrlsPerUserPerHour", 20)
                    .containsEntry("urlLifetimeSeconds", 300).containsEntry("maxHoldReviewInterval", "P12M");
            assertThat(rutland.get("teams")).isEqualTo(List.of(Map.of("team", "customer-services", "name", "Customer Services", "role", "manager")));
            assertThat((List<Object>) rutland.get("purposes")).contains("complaint", "quality-assurance").doesNotContain("dispute");
            assertThat((List<Object>) rutland.get("holdReasons")).contains("complaint-or-dispute", "police").doesNotContain("staff-safety");
        });
    }

    @Test
    void me_whenTeamStaffOfACouncilRequiringAccessRequestsAsk_saysSo() throws Exception {
        Map<String, Object> me = me("rotherham-staff", "[rotherham:contact-centre:staff]");

        assertThat(councils(me)).singleElement().satisfies(rotherham -> {
            assertThat(rotherham).containsEntry("council", "rotherham").containsEntry("dpo", false).containsEntry("accessRequestsRequired", true);
            assertThat(rotherham.get("teams")).isEqualTo(List.of(Map.of("team", "contact-centre", "name", "Corporate Contact Centre", "role", "staff")));
        });
    }

    @Test
    void me_whenTheDpoAsks_givesEveryTeamOfTheCouncilOnceWithTheDposRole() throws Exception {
        Map<String, Object> me = me("ns-dpo", "[newark-sherwood:*:dpo]");

        assertThat(councils(me)).singleElement().satisfies(council -> {
            assertThat(council).containsEntry("council", "newark-sherwood").containsEntry("dpo", true);
            assertThat(council.get("teams")).isEqualTo(List.of(
                    Map.of("team", "careline-services", "name", "Careline Services", "role", "dpo"),
                    Map.of("team", "customer-services", "name", "Customer Services", "role", "dpo"),
                    Map.of("team", "housing-services", "name", "Housing Services", "role", "dpo")));
        });
    }

    @Test
    void me_whenAMemberOfTwoCouncilsAsks_givesBothInOrderWithTheirOwnRoles() throws Exception {
        Map<String, Object> me = me("shared-officer",
                "[south-hams:contact-centre:staff rutland:customer-services:manager rutland:customer-services:staff]");

        assertThat(councils(me)).extracting(c -> c.get("council")).containsExactly("rutland", "south-hams");
        assertThat(councils(me).get(0).get("teams")).isEqualTo(List.of(Map.of("team", "customer-services", "name", "Customer Services", "role", "manager")));
        assertThat(councils(me).get(1).get("teams")).isEqualTo(List.of(Map.of("team", "contact-centre", "name", "Contact Centre", "role", "staff")));
    }

    @Test
    void me_whenGroupsNameUnknownCouncilsOrTeams_leavesThemOutAndAnswersNoCouncils() throws Exception {
        Map<String, Object> me = me("stranger", "[atlantis:customer-services:manager rutland:no-such-team:manager rutland:customer-services:owner admins]");

        assertThat(me).isEqualTo(Map.of("username", "stranger", "councils", List.of()));
        assertThat(me("nobody", "[]")).isEqualTo(Map.of("username", "nobody", "councils", List.of()));
    }

    @Test
    void me_isAuditedOncePerRequestNamingWhoAsked() throws Exception {
        Map<String, String> claims = claims("audited-manager", "[rutland:customer-services:manager]");

        call(claims);
        call(claims);

        List<AuditEvent> trail = audit.trailOf("profile:" + claims.get("sub"));
        assertThat(trail).extracting(AuditEvent::action).containsExactly(AuditAction.PROFILE_READ, AuditAction.PROFILE_READ);
        assertThat(trail).extracting(AuditEvent::outcome).containsExactly("allowed", "allowed");
        assertThat(trail).allSatisfy(e -> assertThat(e.details()).containsEntry("actorName", "audited-manager"));
    }

    @Test
    void me_whenTheClaimsCarryNoSubject_is401() throws Exception {
        assertThat(call(Map.of("username", "someone")).getStatusCode()).isEqualTo(401);
    }

    private static Map<String, Object> me(String username, String groups) throws Exception {
        APIGatewayV2HTTPResponse response = call(claims(username, groups));
        assertThat(response.getStatusCode()).isEqualTo(200);
        return JSON.std.mapFrom(response.getBody());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> councils(Map<String, Object> me) {
        return (List<Map<String, Object>>) me.get("councils");
    }

    private static Map<String, String> claims(String username, String groups) {
        return Map.of("sub", username + "-" + UUID.randomUUID(), "username", username, "cognito:groups", groups);
    }

    /** {@code GET /me} as the JWT authorizer passes it on. */
    private static APIGatewayV2HTTPResponse call(Map<String, String> claims) {
        return handler.handleRequest(Invocations.apiEvent(PlaybackUrlHandler.ME, claims, null, null, null), Invocations.context());
    }
}
