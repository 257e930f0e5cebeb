package uk.callretention.manage;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.PrimingHttpClient;
import uk.callretention.aws.PrimingHttpClient.Answer;
import uk.callretention.aws.PrimingInvocation;
import uk.callretention.aws.PrimingRecording;
import uk.callretention.aws.SnapStartPriming;

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
    static Map<String, Object> usualRequest(Map<String, String> environment, PrimingHttpClient aws) {
        ManageRecordingHandler handler = new ManageRecordingHandler(ManageRecordingFactory.wired(SnapStartPriming.clients(environment, aws), environment,
                SnapStartPriming.nowhere(), Clock.systemUTC()));
        return handler.handleRequest(Map.of(
                "version", "2.0",
                "routeKey", ManageRecordingHandler.PLACE_HOLD,
                "requestContext", Map.of("requestId", PrimingInvocation.REQUEST_ID, "authorizer", Map.of("jwt", Map.of("claims", Map.of(
                        "sub", "snapstart-priming", "username", "snapstart-priming", "cognito:groups", "[rutland:*:dpo]")))),
                "pathParameters", Map.of("recordingId", PrimingRecording.RECORDING_ID),
                "body", "{\"reason\":\"complaint-or-dispute\",\"reference\":\"CMP-2026-0117\",\"reviewOn\":\"" + LocalDate.now().plusMonths(1) + "\"}",
                "isBase64Encoded", false), new PrimingInvocation());
    }
}
