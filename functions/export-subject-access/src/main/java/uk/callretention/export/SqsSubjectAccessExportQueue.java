package uk.callretention.export;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.callretention.access.SubjectAccessExportQueue;

/**
 * The exports queue: each message names one export by id and nothing else (the builder reads the rest from its table).
 * SQS is this jar's alone, so it stays out of shared and the other functions' jars.
 */
final class SqsSubjectAccessExportQueue implements SubjectAccessExportQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    SqsSubjectAccessExportQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void build(String exportId) {
        try {
            String body = JSON.std.asString(Map.of("exportId", exportId));
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The export id a message names. */
    static String exportIdOf(String messageBody) {
        try {
            Object exportId = JSON.std.mapFrom(messageBody).get("exportId");
            if (exportId == null) {
                throw new IllegalArgumentException("the message names no export");
            }
            return exportId.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
