package uk.callretention.playback;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import uk.callretention.aws.PrimingHttpClient.Answer;
import uk.callretention.aws.PrimingHttpClient;
import uk.callretention.aws.PrimingInvocation;
import uk.callretention.aws.PrimingRecording;
import uk.callretention.aws.SnapStartPriming;
import uk.callretention.http.ApiEvents;

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
    static APIGatewayV2HTTPResponse usualRequest(Map<String, String> environment, PrimingHttpClient aws) {
        PlaybackUrlHandler handler = new PlaybackUrlHandler(PlaybackUrlFactory.wired(SnapStartPriming.clients(environment, aws), environment,
                SnapStartPriming.nowhere()));
        return handler.handleRequest(playRequest(), new PrimingInvocation());
    }

    /** As API Gateway passes it on (events/http-api-request.json is the same request). */
    private static APIGatewayV2HTTPEvent playRequest() {
        APIGatewayV2HTTPEvent request = ApiEvents.signedIn(PlaybackUrlHandler.PLAYBACK_URL, Map.of(
                "sub", "snapstart-priming", "username", "snapstart-priming", "cognito:groups", "[" + MANAGER_GROUP + "]"), PrimingInvocation.REQUEST_ID);
        request.setPathParameters(Map.of("recordingId", PrimingRecording.RECORDING_ID));
        request.setBody("{\"purpose\":\"complaint\",\"reference\":\"CMP-2026-0117\"}");
        return request;
    }
}
