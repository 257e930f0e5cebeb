package uk.callretention.local.runtime.sqs;

import java.time.Duration;

/**
 * An SQS event source mapping as the template declares it.
 *
 * @param reportBatchItemFailures whether FunctionResponseTypes lists ReportBatchItemFailures: only then does the
 *                                function's {@code batchItemFailures} answer count
 */
public record SqsMapping(String functionLogicalId, String eventName, String queueUrl, String queueArn, int batchSize,
                         Duration batchingWindow, boolean reportBatchItemFailures) {

    /** SQS gives at most this many messages per ReceiveMessage. */
    static final int MAX_PER_RECEIVE = 10;

    @Override
    public String toString() {
        return functionLogicalId + "/" + eventName;
    }
}
