package uk.callretention.playback;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.testsupport.Fault;
import uk.callretention.testsupport.Faults;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.SampleEvents;
import uk.callretention.testsupport.Uploads;

/**
 * Playback links under AWS faults (throttling, 500s, resets, lost answers) and crashes before any of the request's
 * calls, through the function's own clients: a link reaches the manager only with its audit event on the trail,
 * however the request ends, and asking again after a failure gets one.
 */
@ExtendWith(LocalAwsExtension.class)
class PlaybackFaultsIntegrationTest {

    private static final long[] SEEDS = {1, 2, 3, 4, 5, 6};
    private static final double RATE = 0.3;
    private static final int REQUESTS_PER_SEED = 5;

    static LocalAws aws;
    private static PlaybackUrlHandler handler;
    private static Uploads uploads;
    private static DynamoDbAuditLog audit;

    @BeforeAll
    static void startFunction() {
        handler = new PlaybackUrlHandler(PlaybackUrlFactory.fromEnvironment(aws.environmentOf("PlaybackUrlFunction"),
                new PrintStream(new ByteArrayOutputStream(), true, UTF_8)));
        uploads = new Uploads(aws);
        audit = new DynamoDbAuditLog(aws.clients().dynamoDb(), aws.stack().tableName("AuditTable"));
    }

    @Test
    void playbackLinks_whenAwsFailsAtRandom_areIssuedOnlyWithTheirAuditEvent() {
        int injected = 0;
        int links = 0;
        int failed = 0;
        for (long seed : SEEDS) {
            Faults faults = Faults.seeded(seed, RATE, Fault.THROTTLED, Fault.SERVER_ERROR, Fault.CONNECTION_RESET, Fault.RESPONSE_LOST);
            String manager = "manager-" + seed + "-" + UUID.randomUUID();
            for (int i = 0; i < REQUESTS_PER_SEED; i++) {
                CatalogueEntry recording = recording();

                Optional<APIGatewayV2HTTPResponse> answer = faults.call(() -> playback(manager, recording));

                if (answer.isPresent() && status(answer.get()) == 200) {
                    links++;
                    assertAudited(recording, answer.get(), faults.summary());
                } else {
                    failed++;
                    APIGatewayV2HTTPResponse again = playback(manager, recording).orElseThrow();
                    assertThat(status(again)).as(faults.summary()).isEqualTo(200);
                    assertAudited(recording, again, faults.summary());
                }
            }
            injected += faults.injected();
        }
        System.out.println("playback under faults: %d seeds x %d requests at rate %.2f, %d faults injected, %d links issued first time, %d requests failed and asked again, 0 links without an audit event"
                .formatted(SEEDS.length, REQUESTS_PER_SEED, RATE, injected, links, failed));
        assertThat(injected).isPositive();
    }

    @Test
    void playbackLink_whenTheFunctionDiesBeforeAnyOfItsCalls_isIssuedWithItsAuditEventWhenAskedAgain() {
        String manager = "manager-crash-" + UUID.randomUUID();
        Faults probe = Faults.none();
        CatalogueEntry probed = recording();
        probe.call(() -> playback(manager, probed));
        List<String> steps = probe.calls();

        for (int call = 1; call <= steps.size(); call++) {
            CatalogueEntry recording = recording();
            Faults crash = Faults.crashingAt(call);
            try {
                crash.call(() -> playback(manager, recording));
            } catch (Error died) {
                assertThat(crash.crashed()).isTrue();
            }

            APIGatewayV2HTTPResponse again = playback(manager, recording).orElseThrow();

            assertThat(status(again)).as(crash.summary()).isEqualTo(200);
            assertAudited(recording, again, crash.summary());
        }
        System.out.println("playback crashes: died before each of its %d calls %s, no link without its audit event".formatted(steps.size(), steps));
    }

    private static CatalogueEntry recording() {
        return uploads.tagged("rutland/customer-services/phone/2026/11/20/play-" + UUID.randomUUID() + ".wav",
                Map.of("recorded-at", "2026-11-20T10:00:00Z", "caller", "01572 722577"));
    }

    /** The link's expiry names its event; a request that died after writing its event left one more, with no link. */
    private static void assertAudited(CatalogueEntry recording, APIGatewayV2HTTPResponse answer, String replay) {
        try {
            String expiresAt = (String) JSON.std.mapFrom(answer.getBody()).get("expiresAt");
            assertThat(linksOnTheTrail(recording)).as("the link's audit event (%s)", replay).contains(expiresAt);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> linksOnTheTrail(CatalogueEntry recording) {
        return audit.trailOf(recording.recordingId()).stream()
                .filter(e -> e.action() == AuditAction.PLAYBACK_URL_ISSUED && e.details().containsKey("expiresAt"))
                .map(AuditEvent::details).map(details -> details.get("expiresAt")).toList();
    }

    /** The manager asks for a link through the API; empty when the function failed (API Gateway answers 500). */
    private static Optional<APIGatewayV2HTTPResponse> playback(String manager, CatalogueEntry recording) {
        APIGatewayV2HTTPEvent event = SampleEvents.load("http-api-request.json", APIGatewayV2HTTPEvent.class);
        event.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("sub", manager, "username", manager,
                "cognito:groups", "[rutland:customer-services:manager]"));
        event.setRouteKey(PlaybackUrlHandler.PLAYBACK_URL);
        event.setPathParameters(Map.of("recordingId", recording.recordingId()));
        event.setQueryStringParameters(null);
        event.setBody("{\"purpose\":\"complaint\",\"reference\":\"CMP-FAULTS\"}");
        try {
            return Optional.of(handler.handleRequest(event, Invocations.context()));
        } catch (RuntimeException failed) {
            return Optional.empty();
        }
    }

    private static int status(APIGatewayV2HTTPResponse response) {
        return response.getStatusCode();
    }
}
