package uk.callretention.local.runtime.sqs;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Received messages as the event Lambda's SQS event source mapping sends the function. */
final class SqsEvents {
    private SqsEvents() {
    }

    static Map<String, Object> of(List<Message> messages, String queueArn, String region) {
        List<Object> records = new ArrayList<>();
        for (Message message : messages) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            record.put("attributes", new LinkedHashMap<>(message.attributesAsStrings()));
            record.put("messageAttributes", messageAttributes(message.messageAttributes()));
            record.put("md5OfBody", message.md5OfBody());
            if (message.md5OfMessageAttributes() != null) {
                record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
            }
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", region);
            records.add(record);
        }
        return Map.of("Records", records);
    }

    private static Map<String, Object> messageAttributes(Map<String, MessageAttributeValue> attributes) {
        Map<String, Object> converted = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            Map<String, Object> attribute = new LinkedHashMap<>();
            if (value.stringValue() != null) {
                attribute.put("stringValue", value.stringValue());
            }
            if (value.binaryValue() != null) {
                attribute.put("binaryValue", base64(value.binaryValue()));
            }
            attribute.put("stringListValues", value.stringListValues());
            attribute.put("binaryListValues", value.binaryListValues().stream().map(SqsEvents::base64).toList());
            attribute.put("dataType", value.dataType());
            converted.put(name, attribute);
        });
        return converted;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
