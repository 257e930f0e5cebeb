package uk.callretention.system.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.jr.ob.JSON;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.local.runtime.auth.JwtAuthorizer;
import uk.callretention.local.runtime.auth.LocalStaffTokens;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.MovableClock;

/**
 * Who may play what back, through the real HTTP path: the local runtime serving template.yaml, its JWT authorizer
 * checking tokens its own Cognito pool signed, the playback function against local S3 and DynamoDB. Every row also
 * checks the trail: exactly one event for the request, saying who, when, why and which version.
 */
@ExtendWith(LocalAwsExtension.class)
class AccessApiIntegrationTest {

    enum Role { MANAGER, DPO, OTHER_STAFF, NONE }

    /** Where a recording is, seen from the caller's home: Newark and Sherwood's Customer Services. */
    enum Placement {
        SAME_COUNCIL_SAME_TEAM("newark-sherwood", "customer-services"),
        SAME_COUNCIL_OTHER_TEAM("newark-sherwood", "housing-services"),
        OTHER_COUNCIL_SAME_TEAM("rutland", "customer-services"),
        OTHER_COUNCIL_OTHER_TEAM("south-hams", "contact-centre");

        final String council;
        final String team;

        Placement(String council, String team) {
            this.council = council;
            this.team = team;
        }

        boolean sameCouncil() {
            return council.equals("newark-sherwood");
        }

        boolean sameTeam() {
            return team.equals("customer-services");
        }
    }

    /** On Newark and Sherwood's list, and on none of the other councils' lists: not a purpose Newark and Sherwood gives. */
    private static final String VALID_PURPOSE = "complaint";
    private static final String INVALID_PURPOSE = "dispute";

    private static LocalAws aws;
    static ApiStack api;
    static final MovableClock CLOCK = new MovableClock();
    static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);
    static final Map<Placement, Map<RecordingState, CatalogueEntry>> RECORDINGS = new EnumMap<>(Placement.class);

    @BeforeAll
    static void startApiAndSeed() {
        api = ApiStack.start(aws, new JwtAuthorizer(aws.endpoint(), CLOCK));
        TOKENS.put(Role.MANAGER, api.token("manager", "newark-sherwood:customer-services:manager"));
        TOKENS.put(Role.DPO, api.token("dpo", "newark-sherwood:*:dpo"));
        TOKENS.put(Role.OTHER_STAFF, api.token("staff", "newark-sherwood:customer-services:staff"));
        TOKENS.put(Role.NONE, api.token("nobody"));
        for (Placement placement : Placement.values()) {
            Map<RecordingState, CatalogueEntry> byState = new EnumMap<>(RecordingState.class);
            for (RecordingState state : RecordingState.values()) {
                byState.put(state, api.recording(placement.council, placement.team, state));
            }
            RECORDINGS.put(placement, byState);
        }
    }

    @AfterAll
    static void stopApi() {
        if (api != null) {
            api.close();
        }
    }

    /**
     * The rules as the notices give them, in the order a refusal is chosen: nobody outside the recording's council and
     * team learns it exists (404); the team's own staff are in scope but Newark and Sherwood takes no written access
     * requests, so their role never plays (403); a deleted one is gone (410); the purpose must be the council's (400);
     * a quarantined one is the DPO's alone (409).
     */
    static int expected(Role role, Placement placement, boolean validPurpose, RecordingState state) {
        boolean dpo = role == Role.DPO && placement.sameCouncil();
        boolean inTeam = placement.sameCouncil() && placement.sameTeam();
        boolean manager = role == Role.MANAGER && inTeam;
        if (role == Role.OTHER_STAFF && inTeam) {
            return 403;
        }
        if (!dpo && !manager) {
            return 404;
        }
        if (state == RecordingState.DELETED) {
            return 410;
        }
        if (!validPurpose) {
            return 400;
        }
        return state == RecordingState.QUARANTINED && !dpo ? 409 : 200;
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Role role : Role.values()) {
            for (Placement placement : Placement.values()) {
                for (boolean validPurpose : new boolean[] {true, false}) {
                    for (RecordingState state : RecordingState.values()) {
                        rows.add(Arguments.of(role, placement, validPurpose, state, expected(role, placement, validPurpose, state)));
                    }
                }
            }
        }
        return rows.stream();
    }

    /** The authorisation matrix: role x council x team x purpose x state, 128 rows. */
    @Nested
    class AuthorisationMatrix {

        @ParameterizedTest(name = "{0} {1} validPurpose={2} {3} -> {4}")
        @MethodSource("uk.callretention.system.api.AccessApiIntegrationTest#matrix")
        void playbackUrl_whenRoleScopePurposeAndStateVary_answersAsTheNoticesSay(Role role, Placement placement, boolean validPurpose,
                                                                                RecordingState state, int status) throws Exception {
            CatalogueEntry recording = RECORDINGS.get(placement).get(state);
            String purpose = validPurpose ? VALID_PURPOSE : INVALID_PURPOSE;
            int before = api.trail(recording.recordingId()).size();

            HttpResponse<String> response = api.post("/recordings/" + recording.recordingId() + "/playback-url", TOKENS.get(role),
                    "{\"purpose\":\"" + purpose + "\",\"reference\":\"CMP-1\"}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
            Map<String, Object> body = ApiStack.json(response);
            List<AuditEvent> trail = api.trail(recording.recordingId());
            assertThat(trail).hasSize(before + 1);
            AuditEvent event = trail.get(trail.size() - 1);
            assertThat(event.actor()).isNotBlank().doesNotContain("manager", "dpo").isEqualTo(subjectOf(role));
            assertThat(event.purpose()).isEqualTo(purpose);
            assertThat(event.reference()).isEqualTo("CMP-1");
            assertThat(event.versionId()).isEqualTo(recording.versionId());
            assertThat(event.at()).isBetween(Instant.now().minusSeconds(30), Instant.now());
            if (status == 200) {
                assertThat(event.action()).isEqualTo(AuditAction.PLAYBACK_URL_ISSUED);
                assertThat(event.outcome()).isEqualTo("allowed");
                String url = URLDecoder.decode((String) body.get("url"), StandardCharsets.UTF_8);
                assertThat(url).contains("versionId=" + recording.versionId()).contains("X-Amz-Expires=300")
                        .contains("response-content-type=audio/wav")
                        .contains("response-content-disposition=inline; filename=\"" + recording.recordingId() + ".wav\"");
                assertThat(body).containsEntry("versionId", recording.versionId()).containsEntry("contentType", "audio/wav");
            } else {
                assertThat(event.action()).isEqualTo(AuditAction.PLAYBACK_REFUSED);
                assertThat(event.outcome()).isEqualTo(body.get("error"));
                assertThat(body).containsOnlyKeys("error", "message");
            }
        }
    }

    /** Tokens API Gateway would refuse never reach the function: 401, and nothing on the trail. */
    @Nested
    class Tokens {

        private CatalogueEntry recording() {
            return RECORDINGS.get(Placement.SAME_COUNCIL_SAME_TEAM).get(RecordingState.ACTIVE);
        }

        private void assertRefusedBeforeTheFunction(String token) throws Exception {
            int before = api.trail(recording().recordingId()).size();

            HttpResponse<String> response = api.post("/recordings/" + recording().recordingId() + "/playback-url", token, "{\"purpose\":\"complaint\"}");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
            assertThat(api.trail(recording().recordingId())).hasSize(before);
        }

        @Test
        void request_whenItCarriesNoToken_is401() throws Exception {
            assertRefusedBeforeTheFunction(null);
        }

        @Test
        void token_whenItsClaimsWereAltered_is401() throws Exception {
            String[] parts = TOKENS.get(Role.MANAGER).split("\\.");
            Map<String, Object> claims = JSON.std.mapFrom(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            claims.put("cognito:groups", List.of("newark-sherwood:*:dpo"));
            String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.std.asBytes(claims));

            assertRefusedBeforeTheFunction(parts[0] + "." + altered + "." + parts[2]);
        }

        @Test
        void token_whenSignedByAnotherKeyUnderThePoolsKeyId_is401() throws Exception {
            String[] parts = TOKENS.get(Role.MANAGER).split("\\.");
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(generator.generateKeyPair().getPrivate());
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));

            assertRefusedBeforeTheFunction(parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign()));
        }

        @Test
        void token_whenExpired_is401() throws Exception {
            CLOCK.moveAhead(Duration.ofHours(2));
            try {
                assertRefusedBeforeTheFunction(TOKENS.get(Role.MANAGER));
            } finally {
                CLOCK.reset();
            }
        }

        @Test
        void token_whenIssuedByAnotherUserPool_is401() throws Exception {
            CognitoIdentityProviderClient cognito = aws.clients().cognito();
            String pool = cognito.createUserPool(b -> b.poolName("elsewhere-" + UUID.randomUUID())).userPool().id();
            String client = cognito.createUserPoolClient(b -> b.userPoolId(pool).clientName("elsewhere")).userPoolClient().clientId();

            assertRefusedBeforeTheFunction(new LocalStaffTokens(cognito, pool, client).accessToken("manager", List.of("newark-sherwood:customer-services:manager")));
        }

        @Test
        void token_whenIssuedToAnotherClientOfThePool_is401() throws Exception {
            CognitoIdentityProviderClient cognito = aws.clients().cognito();
            String pool = api.runtime.stack().physicalIds().get("StaffUserPool");
            String client = cognito.createUserPoolClient(b -> b.userPoolId(pool).clientName("another-app")).userPoolClient().clientId();

            assertRefusedBeforeTheFunction(new LocalStaffTokens(cognito, pool, client).accessToken("manager-other-app",
                    List.of("newark-sherwood:customer-services:manager")));
        }

        @Test
        void token_whenSentWithoutBearer_isAcceptedAsApiGatewayDoes() throws Exception {
            HttpResponse<String> response = ApiStack.HTTP.send(HttpRequest.newBuilder(
                            api.api("/recordings/" + recording().recordingId() + "/playback-url"))
                    .header("authorization", TOKENS.get(Role.MANAGER)).POST(HttpRequest.BodyPublishers.ofString("{\"purpose\":\"complaint\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    /** A link the API gave, fetched as a browser would: the audio itself, and a part of it. */
    @Nested
    class PlaybackLinks {

        private URI link() throws Exception {
            CatalogueEntry recording = api.recording("newark-sherwood", "customer-services", RecordingState.ACTIVE);
            HttpResponse<String> response = api.post("/recordings/" + recording.recordingId() + "/playback-url", api.token("links-manager",
                    "newark-sherwood:customer-services:manager"), "{\"purpose\":\"quality-assurance\"}");
            assertThat(response.statusCode()).isEqualTo(200);
            return URI.create((String) ApiStack.json(response).get("url"));
        }

        /** moto ignores a link's response-content-type and -disposition; S3PlaybackLinksIntegrationTest sees S3Proxy apply them. */
        @Test
        void link_whenFetchedWithAPlainHttpClient_returnsTheAudio() throws Exception {
            HttpResponse<byte[]> audio = ApiStack.HTTP.send(HttpRequest.newBuilder(link()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(audio.statusCode()).isEqualTo(200);
            assertThat(audio.body()).isEqualTo(ApiStack.AUDIO);
        }

        @Test
        void link_whenFetchedWithARange_returnsThatPart() throws Exception {
            HttpResponse<byte[]> part = ApiStack.HTTP.send(HttpRequest.newBuilder(link()).header("range", "bytes=0-11").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(new String(part.body(), StandardCharsets.US_ASCII)).isEqualTo(new String(ApiStack.AUDIO, 0, 12, StandardCharsets.US_ASCII));
        }
    }

    /** Rotherham's written access requests: staff ask, a manager approves, the staff member gets one link. */
    @Nested
    class AccessRequests {

        @Test
        void staff_whenTheirRequestIsApproved_getOnePlaybackLink() throws Exception {
            CatalogueEntry recording = api.recording("rotherham", "contact-centre", RecordingState.ACTIVE);
            String staff = api.token("rotherham-staff", "rotherham:contact-centre:staff");
            String manager = api.token("rotherham-manager", "rotherham:contact-centre:manager");
            String playback = "/recordings/" + recording.recordingId() + "/playback-url";
            String purpose = "{\"purpose\":\"training\"}";

            assertThat(api.post(playback, staff, purpose).statusCode()).isEqualTo(403);
            HttpResponse<String> requested = api.post("/recordings/" + recording.recordingId() + "/access-requests", staff,
                    "{\"purpose\":\"training\",\"reason\":\"To train new starters on handling a complaint call.\"}");
            assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
            String requestId = (String) ApiStack.json(requested).get("accessRequestId");
            assertThat(api.post("/recordings/" + recording.recordingId() + "/access-requests/" + requestId + "/decision", staff,
                    "{\"decision\":\"approve\"}").statusCode()).isEqualTo(403);
            HttpResponse<String> decided = api.post("/recordings/" + recording.recordingId() + "/access-requests/" + requestId + "/decision",
                    manager, "{\"decision\":\"approve\",\"note\":\"Agreed by the Head of Customer Services\"}");
            assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
            assertThat(ApiStack.json(decided)).containsEntry("status", "approved");

            assertThat(api.post(playback, staff, "{\"purpose\":\"complaint\"}").statusCode()).isEqualTo(403);
            assertThat(api.post(playback, staff, purpose).statusCode()).isEqualTo(200);
            assertThat(api.post(playback, staff, purpose).statusCode()).isEqualTo(403);
            assertThat(api.trail(recording.recordingId())).extracting(AuditEvent::action, AuditEvent::outcome).containsExactly(
                    tuple(AuditAction.PLAYBACK_REFUSED, "access-request-required"),
                    tuple(AuditAction.ACCESS_REQUESTED, "allowed"),
                    tuple(AuditAction.ACCESS_REQUEST_DECIDED, "not-permitted"),
                    tuple(AuditAction.ACCESS_REQUEST_DECIDED, "allowed"),
                    tuple(AuditAction.PLAYBACK_REFUSED, "access-request-required"),
                    tuple(AuditAction.PLAYBACK_URL_ISSUED, "allowed"),
                    tuple(AuditAction.PLAYBACK_REFUSED, "access-request-required"));
        }

        @Test
        @SuppressWarnings("unchecked")
        void pendingList_showsApproversTheRequestsTheyMayDecide_untilDecided() throws Exception {
            CatalogueEntry recording = api.recording("rotherham", "contact-centre", RecordingState.ACTIVE);
            String staff = api.token("pending-staff", "rotherham:contact-centre:staff");
            String manager = api.token("pending-manager", "rotherham:contact-centre:manager");
            String dpo = api.token("pending-dpo", "rotherham:*:dpo");
            String requestId = (String) ApiStack.json(api.post("/recordings/" + recording.recordingId() + "/access-requests", staff,
                    "{\"purpose\":\"training\",\"reason\":\"To train new starters.\",\"reference\":\"TR-7\"}")).get("accessRequestId");

            for (String approver : List.of(manager, dpo)) {
                HttpResponse<String> listed = api.get("/access-requests?status=pending", approver);
                assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
                List<Map<String, Object>> items = (List<Map<String, Object>>) ApiStack.json(listed).get("accessRequests");
                assertThat(items).filteredOn(item -> requestId.equals(item.get("accessRequestId"))).singleElement().satisfies(item -> assertThat(item)
                        .containsEntry("recordingId", recording.recordingId()).containsEntry("team", "contact-centre")
                        .containsEntry("status", "pending").containsEntry("purpose", "training").containsEntry("reference", "TR-7")
                        .containsKeys("requester", "requestedAt")
                        .hasEntrySatisfying("requesterName", name -> assertThat((String) name).startsWith("pending-staff-")));
            }
            HttpResponse<String> otherTeams = api.get("/access-requests?status=pending", api.token("pending-other", "rotherham:housing:manager"));
            assertThat((List<Object>) ApiStack.json(otherTeams).get("accessRequests")).as("a manager sees their own teams' requests alone").isEmpty();
            HttpResponse<String> staffAsks = api.get("/access-requests?status=pending", staff);
            assertThat(staffAsks.statusCode()).isEqualTo(403);
            assertThat(ApiStack.json(staffAsks)).containsEntry("error", "not-permitted");
            assertThat(api.get("/access-requests?status=pending&council=rutland", dpo).statusCode()).as("never another council's").isEqualTo(403);
            assertThat(api.get("/access-requests?status=approved", dpo).statusCode()).isEqualTo(400);
            assertThat(api.get("/access-requests?status=pending&limit=101", dpo).statusCode()).isEqualTo(400);
            assertThat(api.get("/access-requests?status=pending&nextToken=forged", dpo).statusCode()).isEqualTo(400);

            api.post("/recordings/" + recording.recordingId() + "/access-requests/" + requestId + "/decision", manager, "{\"decision\":\"refuse\"}");
            List<Map<String, Object>> after = (List<Map<String, Object>>) ApiStack.json(api.get("/access-requests?status=pending", dpo)).get("accessRequests");
            assertThat(after).extracting(item -> item.get("accessRequestId")).doesNotContain(requestId);
            assertThat(api.trail("pending-access-requests:rotherham")).as("one final event per reading, none left pending")
                    .extracting(AuditEvent::action, AuditEvent::outcome).containsExactlyInAnyOrder(
                            tuple(AuditAction.LISTED, "allowed"), tuple(AuditAction.LISTED, "allowed"), tuple(AuditAction.LISTED, "allowed"),
                            tuple(AuditAction.LISTED, "not-permitted"), tuple(AuditAction.LISTED, "bad-request"),
                            tuple(AuditAction.LISTED, "bad-request"), tuple(AuditAction.LISTED, "bad-request"), tuple(AuditAction.LISTED, "allowed"));
        }
    }

    /** Holds and erasure, served by the function that may tag, hold and delete but never read audio. */
    @Nested
    class HoldsAndErasure {

        @Test
        void recording_whenHeldThenReleased_isErasedOnlyAfterTheRelease() throws Exception {
            CatalogueEntry recording = api.recording("newark-sherwood", "customer-services", RecordingState.ACTIVE);
            String path = "/recordings/" + recording.recordingId();
            String manager = TOKENS.get(Role.MANAGER);
            String dpo = TOKENS.get(Role.DPO);
            String erasure = "{\"reference\":\"SAR-2026-11\",\"note\":\"Caller asked for erasure by letter\"}";
            String hold = "{\"reason\":\"complaint-or-dispute\",\"reference\":\"CMP-77\",\"reviewOn\":\"" + LocalDate.now().plusDays(30) + "\"}";

            assertThat(api.post(path + "/holds", TOKENS.get(Role.OTHER_STAFF), hold).statusCode()).isEqualTo(403);
            HttpResponse<String> placed = api.post(path + "/holds", manager, hold);
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            String holdId = (String) ApiStack.json(placed).get("holdId");
            assertThat(api.post(path + "/erasure", dpo, erasure).statusCode()).isEqualTo(409);
            assertThat(api.delete(path + "/holds/" + holdId, manager).statusCode()).isEqualTo(403);
            assertThat(api.delete(path + "/holds/" + holdId, dpo).statusCode()).isEqualTo(200);
            assertThat(api.post(path + "/erasure", manager, erasure).statusCode()).isEqualTo(403);

            HttpResponse<String> erased = api.post(path + "/erasure", dpo, erasure);

            assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
            assertThat(ApiStack.json(erased)).containsEntry("versionsDeleted", 1);
            assertThat(api.versionsOf(recording.objectKey())).isEmpty();
            assertThat(api.post(path + "/erasure", dpo, erasure).statusCode()).isEqualTo(410);
            assertThat(api.post(path + "/playback-url", manager, "{\"purpose\":\"complaint\"}").statusCode()).isEqualTo(410);
            assertThat(api.trail(recording.recordingId())).extracting(AuditEvent::action, AuditEvent::outcome).containsExactly(
                    tuple(AuditAction.HOLD_PLACED, "not-permitted"),
                    tuple(AuditAction.HOLD_PLACED, "allowed"),
                    tuple(AuditAction.ERASED, "recording-held"),
                    tuple(AuditAction.HOLD_RELEASED, "not-permitted"),
                    tuple(AuditAction.HOLD_RELEASED, "allowed"),
                    tuple(AuditAction.ERASED, "not-permitted"),
                    tuple(AuditAction.ERASED, "allowed"),
                    tuple(AuditAction.ERASED, "recording-deleted"),
                    tuple(AuditAction.PLAYBACK_REFUSED, "recording-deleted"));
        }

        @Test
        void hold_whenReleasedTwiceOrReviewedNever_isRefusedAndEachRequestAuditedOnce() throws Exception {
            CatalogueEntry recording = api.recording("newark-sherwood", "customer-services", RecordingState.ACTIVE);
            String path = "/recordings/" + recording.recordingId();
            String dpo = TOKENS.get(Role.DPO);
            String reviewed = LocalDate.now().plusDays(30).toString();

            HttpResponse<String> never = api.post(path + "/holds", dpo, "{\"reason\":\"police\",\"reference\":\"CRIME-1\",\"reviewOn\":\"9999-12-31\"}");
            String police = (String) ApiStack.json(api.post(path + "/holds", dpo,
                    "{\"reason\":\"police\",\"reference\":\"CRIME-1\",\"reviewOn\":\"" + reviewed + "\"}")).get("holdId");
            api.post(path + "/holds", dpo, "{\"reason\":\"subject-access\",\"reference\":\"SAR-1\",\"reviewOn\":\"" + reviewed + "\"}");
            assertThat(api.delete(path + "/holds/" + police, dpo).statusCode()).isEqualTo(200);
            HttpResponse<String> again = api.delete(path + "/holds/" + police, dpo);

            assertThat(never.statusCode()).isEqualTo(400);
            assertThat(ApiStack.json(never)).containsEntry("error", "review-date-too-far");
            assertThat(again.statusCode()).as("released already, though another hold still keeps the recording").isEqualTo(409);
            assertThat(ApiStack.json(again)).containsEntry("error", "already-released");
            assertThat(api.trail(recording.recordingId())).extracting(AuditEvent::action, AuditEvent::outcome).containsExactly(
                    tuple(AuditAction.HOLD_PLACED, "review-date-too-far"),
                    tuple(AuditAction.HOLD_PLACED, "allowed"),
                    tuple(AuditAction.HOLD_PLACED, "allowed"),
                    tuple(AuditAction.HOLD_RELEASED, "allowed"),
                    tuple(AuditAction.HOLD_RELEASED, "already-released"));
        }

        @Test
        void erasure_whenObjectLockStillHoldsAVersion_reportsItselfIncompleteAndDeletesNothingItCannot() throws Exception {
            CatalogueEntry recording = api.recording("newark-sherwood", "customer-services", RecordingState.ACTIVE);
            String path = "/recordings/" + recording.recordingId();
            // A legal hold the catalogue does not know of yet, as if a hold were being placed at this moment.
            aws.clients().s3().putObjectLegalHold(b -> b.bucket(api.runtime.stack().bucketName("RecordingsBucket")).key(recording.objectKey())
                    .versionId(recording.versionId()).legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON)));
            String notAllowed = "{\"reason\":\"legal-claim\",\"reference\":\"X-1\",\"reviewOn\":\"" + LocalDate.now().plusDays(30) + "\"}";

            assertThat(api.post(path + "/holds", TOKENS.get(Role.DPO), notAllowed).statusCode()).isEqualTo(400);
            HttpResponse<String> erased = api.post(path + "/erasure", TOKENS.get(Role.DPO), "{\"reference\":\"SAR-2026-12\"}");

            assertThat(erased.statusCode()).isEqualTo(503);
            assertThat(ApiStack.json(erased)).containsEntry("error", "erasure-incomplete");
            assertThat(api.versionsOf(recording.objectKey())).containsExactly(recording.versionId());
            assertThat(api.trail(recording.recordingId())).extracting(AuditEvent::action, AuditEvent::outcome).containsExactly(
                    tuple(AuditAction.HOLD_PLACED, "reason-not-allowed"),
                    tuple(AuditAction.ERASED, "erasure-incomplete"));
        }
    }

    private static final Map<Role, String> SUBJECTS = new EnumMap<>(Role.class);

    /** The token's sub: the trail names people by their stable subject, not by name or role. */
    static String subjectOf(Role role) throws Exception {
        if (!SUBJECTS.containsKey(role)) {
            String payload = TOKENS.get(role).split("\\.")[1];
            SUBJECTS.put(role, (String) JSON.std.mapFrom(
                    new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).get("sub"));
        }
        return SUBJECTS.get(role);
    }
}
