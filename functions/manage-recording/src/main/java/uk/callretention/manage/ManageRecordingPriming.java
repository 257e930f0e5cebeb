package uk.callretention.manage;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.PrimingHttpClient.Answer;
import uk.callretention.aws.PrimingHttpClient;
import uk.callretention.aws.PrimingInvocation;
import uk.callretention.aws.PrimingRecording;
import uk.callretention.aws.SnapStartPriming;
import uk.callretention.http.ApiEvents;

/**
 * ManageRecording's usual request, made before a SnapStart snapshot (see {@link SnapStartPriming}): Rutland's DPO places
 * a hold for a complaint on a catalogued, active recording ({@link PrimingRecording}), with a review date in a month. The
 * catalogue and the bucket answer with that recording; the holds table and the audit trail with their empty successes.
 */
final class ManageRecordingPriming {

    private ManageRecordingPriming() {
    }

    /** The priming clients' HTTP client, with AWS's answers to the usual request. */
    static PrimingHttpClient aws(Map<String, String> environment) {
        return new PrimingHttpClient(Map.of("GetItem " + AwsClients.require(environment, "CATALOGUE_TABLE"), Answer.item(PrimingRecording.catalogueItem()),
                "ListObjectVersions", PrimingRecording.versions()));
    }

    /** @return the handler's answer, a 201 with the hold when the priming took the usual path */
    static APIGatewayV2HTTPResponse usualRequest(Map<String, String> environment, PrimingHttpClient aws) {
        ManageRecordingHandler handler = new ManageRecordingHandler(ManageRecordingFactory.wired(SnapStartPriming.clients(environment, aws), environment,
                SnapStartPriming.nowhere(), Clock.systemUTC()));
        APIGatewayV2HTTPEvent placeHold = ApiEvents.signedIn(ManageRecordingHandler.PLACE_HOLD, Map.of(
                "sub", "snapstart-priming", "username", "snapstart-priming", "cognito:groups", "[rutland:*:dpo]"), PrimingInvocation.REQUEST_ID);
        placeHold.setPathParameters(Map.of("recordingId", PrimingRecording.RECORDING_ID));
        placeHold.setBody("{\"reason\":\"complaint-or-dispute\",\"reference\":\"CMP-2026-0117\",\"reviewOn\":\"" + LocalDate.now().plusMonths(1) + "\"}");
        return handler.handleRequest(placeHold, new PrimingInvocation());
    }
}
