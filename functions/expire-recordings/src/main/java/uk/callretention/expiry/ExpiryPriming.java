package uk.callretention.expiry;

import com.amazonaws.services.lambda.runtime.events.S3BatchEventV2;
import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import java.util.List;
import java.util.Map;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.PrimingHttpClient;
import uk.callretention.aws.PrimingHttpClient.Answer;
import uk.callretention.aws.PrimingInvocation;
import uk.callretention.aws.PrimingRecording;
import uk.callretention.aws.SnapStartPriming;

/**
 * The usual requests of this jar's functions, made before a SnapStart snapshot (see {@link SnapStartPriming}), about
 * one recording ({@link PrimingRecording}). ExpireRecordings: the quarter-hourly catch-up, its most frequent request.
 * ReapplyPolicy: one task of a re-application job (as events/s3-batch-reapply.json), for that recording.
 */
final class ExpiryPriming {

    private ExpiryPriming() {
    }

    /** The priming clients' HTTP client, with AWS's answers to the usual requests. */
    static PrimingHttpClient aws(Map<String, String> environment) {
        return new PrimingHttpClient(Map.of(
                // Classed by an older policy, so the task reclassifies it, as most of a re-application job's tasks do.
                "GetItem " + AwsClients.require(environment, "CATALOGUE_TABLE"), Answer.item(PrimingRecording.catalogueItem("P1M")),
                "ListObjectVersions", PrimingRecording.versions(),
                "GetObjectTagging", Answer.xml("<Tagging><TagSet><Tag><Key>council</Key><Value>rutland</Value></Tag><Tag><Key>retention</Key>"
                        + "<Value>P1M</Value></Tag></TagSet></Tagging>")));
    }

    /** @return the handler's summary */
    static Map<String, Object> catchUp(Map<String, String> environment, PrimingHttpClient aws) {
        ExpireRecordingsHandler handler = new ExpireRecordingsHandler(ExpireRecordingsFactory.wired(
                SnapStartPriming.clients(environment, aws).forManyCallsAtOnce(aws), environment, SnapStartPriming.nowhere()));
        return handler.handleRequest(Map.of("mode", "sweep", "catchUp", true), new PrimingInvocation());
    }

    /** @return the handler's answer to S3 Batch Operations */
    static S3BatchResponse reapplication(Map<String, String> environment, PrimingHttpClient aws) {
        ReapplyPolicyHandler handler = new ReapplyPolicyHandler(ReapplyPolicyFactory.wired(SnapStartPriming.clients(environment, aws), environment,
                SnapStartPriming.nowhere()));
        S3BatchEventV2 event = new S3BatchEventV2();
        event.setInvocationSchemaVersion("2.0");
        event.setInvocationId(PrimingInvocation.REQUEST_ID);
        event.setJob(new S3BatchEventV2.Job("snapstart-priming", Map.of("runId", "snapstart-priming", "dryRun", "false")));
        event.setTasks(List.of(new S3BatchEventV2.Task("snapstart-priming", PrimingRecording.KEY, PrimingRecording.VERSION_ID,
                AwsClients.require(environment, "RECORDINGS_BUCKET"))));
        return handler.handleRequest(event, new PrimingInvocation());
    }
}
