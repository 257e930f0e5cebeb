package uk.callretention.local.aws;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import uk.callretention.local.template.Properties;

/** AWS::SQS::Queue on the local server. */
final class SqsQueues {
    static final String TYPE = "AWS::SQS::Queue";
    /** CloudFormation names these as SQS names the queue attributes, so they pass through as they are. */
    private static final List<String> PLAIN_ATTRIBUTES = List.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "MaximumMessageSize",
            "ReceiveMessageWaitTimeSeconds");
    private static final List<String> JSON_ATTRIBUTES = List.of("RedrivePolicy", "RedriveAllowPolicy");
    private static final Set<String> HANDLED = Stream.of(PLAIN_ATTRIBUTES.stream(), JSON_ATTRIBUTES.stream(), Stream.of("QueueName"))
            .flatMap(names -> names).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> IGNORED = Set.of("SqsManagedSseEnabled", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "Tags");
    private static final int MAX_NAME_LENGTH = 80;

    private SqsQueues() {
    }

    static Created create(SqsClient sqs, Properties properties, String stackName) {
        properties.allow(HANDLED, IGNORED, SqsQueues.class);
        String name = properties.string("QueueName").orElseGet(() -> PhysicalNames.generate(stackName, properties.logicalId(), MAX_NAME_LENGTH));
        Map<String, String> attributes = new LinkedHashMap<>();
        PLAIN_ATTRIBUTES.forEach(attribute -> properties.string(attribute).ifPresent(value -> attributes.put(attribute, value)));
        JSON_ATTRIBUTES.forEach(attribute -> {
            Object value = properties.resolved(attribute);
            if (value != null) {
                attributes.put(attribute, value instanceof String json ? json : toJson(value));
            }
        });
        String url = sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Created(properties.logicalId(), TYPE, url, Map.of("Arn", arn, "QueueName", name, "QueueUrl", url));
    }

    static void delete(SqsClient sqs, String url) {
        sqs.deleteQueue(b -> b.queueUrl(url));
    }

    private static String toJson(Object value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
