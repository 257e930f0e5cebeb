package uk.callretention.local.runtime.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.S3BatchEventV2;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.joda.time.DateTime;
import org.junit.jupiter.api.Test;
import uk.callretention.local.runtime.Json;

/** The sample events in events/ become the typed events a handler declares, as in Lambda. */
class HandlerMethodTest {
    private static final Path EVENTS = Path.of("..", "events");

    @Test
    void convert_whenTheSampleUploadEvent_isAnSqsEventWithEveryField() throws IOException {
        SQSEvent event = (SQSEvent) HandlerMethod.serializerFor(SQSEvent.class).fromJson(Json.write(sample("sqs-s3-upload.json")));

        SQSEvent.SQSMessage message = event.getRecords().get(0);
        assertThat(message.getMessageId()).isEqualTo("4fbb0c64-6e3a-4d28-9c5b-2f0d1e7a9b31");
        assertThat(message.getEventSourceArn()).isEqualTo("arn:aws:sqs:eu-west-2:123456789012:call-retention-local-UploadsQueue-1A2B3C4D5E6F");
        assertThat(message.getEventSource()).isEqualTo("aws:sqs");
        assertThat(message.getAwsRegion()).isEqualTo("eu-west-2");
        assertThat(message.getMd5OfBody()).hasSize(32);
        assertThat(message.getAttributes()).containsEntry("ApproximateReceiveCount", "1");
        assertThat(message.getBody()).contains("\"key\":\"rutland/customer-services/phone/2026/11/25/call-0001.wav\"");
    }

    @Test
    void convert_whenMessageAttributesAreBinary_theyAreDecoded() {
        Map<String, Object> json = Map.of("Records", List.of(Map.of("messageAttributes",
                Map.of("checksum", Map.of("binaryValue", "AQID", "dataType", "Binary", "stringListValues", List.of())))));

        SQSEvent event = (SQSEvent) HandlerMethod.serializerFor(SQSEvent.class).fromJson(Json.write(json));

        SQSEvent.MessageAttribute attribute = event.getRecords().get(0).getMessageAttributes().get("checksum");
        assertThat(attribute.getBinaryValue().array()).containsExactly(1, 2, 3);
        assertThat(attribute.getDataType()).isEqualTo("Binary");
    }

    @Test
    void convert_whenTheSampleHttpRequest_isAnHttpApiV2EventWithClaims() throws IOException {
        APIGatewayV2HTTPEvent event = (APIGatewayV2HTTPEvent) HandlerMethod.serializerFor(APIGatewayV2HTTPEvent.class).fromJson(Json.write(sample("http-api-request.json")));

        assertThat(event.getRouteKey()).isEqualTo("POST /recordings/{recordingId}/playback-url");
        assertThat(event.getPathParameters()).containsEntry("recordingId", "rec-2a5f19cfe49d27bdf4a76abc02d2e242");
        assertThat(event.getBody()).isEqualTo("{\"purpose\":\"complaint\",\"reference\":\"CMP-2026-0117\"}");
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getRequestContext().getTimeEpoch()).isEqualTo(1795602000000L);
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(event.getRequestContext().getAuthorizer().getJwt().getClaims()).containsEntry("cognito:groups", "[rutland:customer-services:manager]");
    }

    @Test
    void convert_whenAnEventBridgeShapedInput_isAScheduledEvent() {
        Map<String, Object> json = Map.of("id", "e1", "detail-type", "Scheduled Event", "source", "aws.scheduler",
                "time", "2026-11-25T02:30:00Z", "detail", Map.of("dryRun", true));

        ScheduledEvent event = (ScheduledEvent) HandlerMethod.serializerFor(ScheduledEvent.class).fromJson(Json.write(json));

        assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(event.getTime()).isEqualTo(DateTime.parse("2026-11-25T02:30:00Z"));
        assertThat(event.getDetail()).containsEntry("dryRun", true);
    }

    @Test
    void serializerFor_whenAnS3BatchOperationsEvent_isTheTypedSchema2Event() {
        Map<String, Object> json = Map.of("invocationSchemaVersion", "2.0", "invocationId", "inv-1",
                "job", Map.of("id", "job-1", "userArguments", Map.of("dryRun", "true")),
                "tasks", List.of(Map.of("taskId", "t-1", "s3Bucket", "recordings", "s3Key", "calls/a%20b.wav", "s3VersionId", "v1")));

        S3BatchEventV2 event = (S3BatchEventV2) HandlerMethod.serializerFor(S3BatchEventV2.class).fromJson(Json.write(json));

        assertThat(event.getInvocationSchemaVersion()).isEqualTo("2.0");
        assertThat(event.getJob().getUserArguments()).containsEntry("dryRun", "true");
        assertThat(event.getTasks().get(0).getS3Key()).isEqualTo("calls/a%20b.wav");
        assertThat(event.getTasks().get(0).getS3Bucket()).isEqualTo("recordings");
    }

    private static Object sample(String name) throws IOException {
        return Json.parse(Files.readString(EVENTS.resolve(name)));
    }
}
