package uk.callretention.playback;

import java.util.Map;
import uk.callretention.aws.PrimingHttpClient;
import uk.callretention.aws.PrimingHttpClient.Answer;
import uk.callretention.aws.PrimingInvocation;
import uk.callretention.aws.PrimingRecording;
import uk.callretention.aws.SnapStartPriming;

/**
 * PlaybackUrl's usual request, made before a SnapStart snapshot (see {@link SnapStartPriming}): a manager presses Play
 * on a recording of their own team, catalogued and active, for a complaint, and is given a link. The catalogue answers
 * with that recording; the browsing guard, the access requests and the audit trail with DynamoDB's empty successes.
 */
final class PlaybackUrlPriming {

    private static final String MANAGER_GROUP = "rutland:customer-services:manager";

    private PlaybackUrlPriming() {
    }

    /** The priming clients' HTTP client, with AWS's answers to the usual request. */
    static PrimingHttpClient aws() {
        return new PrimingHttpClient(Map.of("GetItem", Answer.item(PrimingRecording.catalogueItem())));
    }

    /** @return the handler's answer, a 200 with a link when the priming took the usual path */
    static Map<String, Object> usualRequest(Map<String, String> environment, PrimingHttpClient aws) {
        PlaybackUrlHandler handler = new PlaybackUrlHandler(PlaybackUrlFactory.wired(SnapStartPriming.clients(environment, aws), environment,
                SnapStartPriming.nowhere()));
        return handler.handleRequest(playRequest(), new PrimingInvocation());
    }

    /** As API Gateway passes it on (events/http-api-request.json is the same request). */
    private static Map<String, Object> playRequest() {
        return Map.of(
                "version", "2.0",
                "routeKey", PlaybackUrlHandler.PLAYBACK_URL,
                "requestContext", Map.of("requestId", PrimingInvocation.REQUEST_ID, "authorizer", Map.of("jwt", Map.of("claims", Map.of(
                        "sub", "snapstart-priming", "username", "snapstart-priming", "cognito:groups", "[" + MANAGER_GROUP + "]")))),
                "pathParameters", Map.of("recordingId", PrimingRecording.RECORDING_ID),
                "body", "{\"purpose\":\"complaint\",\"reference\":\"CMP-2026-0117\"}",
                "isBase64Encoded", false);
    }
}
