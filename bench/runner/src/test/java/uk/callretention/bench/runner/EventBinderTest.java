package uk.callretention.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBinderTest {

    /** Shaped like aws-lambda-java-events' SQSEvent, which the runner has no copy of. */
    public static class Queue {
        private List<Message> records;

        public List<Message> getRecords() {
            return records;
        }

        public void setRecords(List<Message> records) {
            this.records = records;
        }
    }

    public static class Message {
        private String body;
        private String eventSourceArn;
        private Map<String, String> attributes;

        public void setBody(String body) {
            this.body = body;
        }

        public void setEventSourceArn(String eventSourceArn) {
            this.eventSourceArn = eventSourceArn;
        }

        public void setAttributes(Map<String, String> attributes) {
            this.attributes = attributes;
        }
    }

    @Test
    void bind_whenTheHandlerTakesAnEventClass_fillsItThroughSettersIgnoringCaseAndUnknownFields() {
        Object json = Json.parse("""
                {"Records":[{"body":"{\\"Records\\":[]}","eventSourceARN":"arn:aws:sqs:eu-west-2:1:q","md5OfBody":"x",
                 "attributes":{"ApproximateReceiveCount":"1"}}]}""");

        Queue queue = (Queue) EventBinder.bind(json, Queue.class);

        Message message = queue.getRecords().get(0);
        assertThat(message.body).isEqualTo("{\"Records\":[]}");
        assertThat(message.eventSourceArn).isEqualTo("arn:aws:sqs:eu-west-2:1:q");
        assertThat(message.attributes).containsEntry("ApproximateReceiveCount", "1");
    }

    @Test
    void bind_whenTheHandlerTakesAMap_givesTheParsedEvent() {
        Object json = Json.parse("{\"version\":\"2.0\",\"isBase64Encoded\":false,\"timeEpoch\":1795602000000}");

        assertThat(EventBinder.bind(json, Map.class)).isEqualTo(Map.of("version", "2.0", "isBase64Encoded", false, "timeEpoch", 1795602000000L));
    }

    @Test
    void write_ofAnAnswer_isJsonTheHarnessCanRead() {
        assertThat(Json.write(Map.of("statusCode", 200))).isEqualTo("{\"statusCode\":200}");
        assertThat(Json.parse(Json.write(Map.of("body", "say \"hi\"\n")))).isEqualTo(Map.of("body", "say \"hi\"\n"));
    }
}
