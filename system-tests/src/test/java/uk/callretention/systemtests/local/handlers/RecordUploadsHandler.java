package uk.callretention.systemtests.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records each uploaded object's key with the delivery's receive count; reports the messages of keys containing
 * "fail" as batch item failures. Skips S3's test event.
 */
public final class RecordUploadsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Results results;

    public RecordUploadsHandler() {
        this(System.getenv());
    }

    public RecordUploadsHandler(Map<String, String> environment) {
        this.results = new Results(environment);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            for (Object record : records(message.getBody())) {
                Map<?, ?> s3 = (Map<?, ?>) ((Map<?, ?>) record).get("s3");
                String key = URLDecoder.decode(((Map<?, ?>) s3.get("object")).get("key").toString(), StandardCharsets.UTF_8);
                results.put(key + "#" + message.getAttributes().get("ApproximateReceiveCount"), Map.of(
                        "messageId", message.getMessageId(),
                        "eventSourceArn", message.getEventSourceArn(),
                        "eventSource", message.getEventSource(),
                        "awsRegion", message.getAwsRegion(),
                        "functionName", context.getFunctionName(),
                        "bucket", ((Map<?, ?>) s3.get("bucket")).get("name").toString()));
                if (key.contains("fail")) {
                    failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
                }
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static List<?> records(String body) {
        try {
            Object records = JSON.std.mapFrom(body).get("Records");
            return records instanceof List<?> list ? list : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
