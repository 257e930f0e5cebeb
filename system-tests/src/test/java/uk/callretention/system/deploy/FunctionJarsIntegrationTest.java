package uk.callretention.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.callretention.local.runtime.Json;
import uk.callretention.local.runtime.function.FunctionLoader;
import uk.callretention.local.runtime.function.FunctionSettings;
import uk.callretention.local.runtime.function.LambdaFunction;
import uk.callretention.local.template.FunctionDefinition;
import uk.callretention.recording.RecordingId;
import uk.callretention.recording.Upload;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.SampleEvents;
import uk.callretention.testsupport.Uploads;

/**
 * Each function of the template, loaded from the jar {@code sam deploy} uploads as Lambda loads it (the jar's own
 * classes first, nothing of the test's class path but Lambda's interfaces and events), constructed with the template's
 * environment and serving one real request against the local AWS. This is what shows that what the shade filters leave
 * out of the jars (see the root pom) is nothing a function needs. That the event classes a handler takes and returns
 * are in its jar too, DeployableFunctionsTest shows.
 */
@ExtendWith(LocalAwsExtension.class)
class FunctionJarsIntegrationTest {

    /** The sample notification's key. */
    private static final String UPLOAD = "rutland/customer-services/phone/2026/11/25/call-0001.wav";

    private static LocalAws aws;

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("TagRecordingFunction", (Supplier<Object>) FunctionJarsIntegrationTest::uploadNotification,
                        (Consumer<Map<String, Object>>) FunctionJarsIntegrationTest::tagged),
                Arguments.of("ScrubMetadataFunction", json("{\"dryRun\": true}"), complete()),
                Arguments.of("ReconcileRecordingsFunction", json("{\"days\": 1, \"dryRun\": true}"), hasKey("dryRun")),
                Arguments.of("ExpireRecordingsFunction", (Supplier<Object>) () -> Json.parse(SampleEvents.read("scheduler-input.json")), hasKey("dryRun")),
                Arguments.of("ReapplyPolicyFunction", (Supplier<Object>) FunctionJarsIntegrationTest::reapplyTask,
                        (Consumer<Map<String, Object>>) answer -> assertThat((List<?>) answer.get("results")).singleElement()
                                .extracting(result -> answer(result).get("taskId")).isEqualTo("dGFza2lkZ29lc2hlcmUK")),
                Arguments.of("PlaybackUrlFunction", apiRequest("GET", "/recordings", "rutland:customer-services:manager"), status(200)),
                Arguments.of("ManageRecordingFunction", apiRequest("GET", "/holds", "rutland:*:dpo"), status(200)),
                Arguments.of("MakeTrainingCopyFunction", (Supplier<Object>) FunctionJarsIntegrationTest::trainingCopyRequest, status(201)),
                // No such export: answered as such, audited, and a queued build of it is done with, not redelivered.
                Arguments.of("SubjectAccessExportFunction", apiRequest("GET", "/subject-access/exports/{exportId}", "rutland:*:dpo"), status(404)),
                Arguments.of("BuildExportFunction", (Supplier<Object>) () -> Json.parse(SampleEvents.read("sqs-export-build.json")),
                        (Consumer<Map<String, Object>>) answer -> assertThat((List<?>) answer.get("batchItemFailures")).isEmpty()),
                Arguments.of("CountStatisticsFunction", json("{}"), hasKey("daysCounted")),
                Arguments.of("StatisticsApiFunction", apiRequest("GET", "/statistics", "rutland:*:dpo", Map.of("council", "rutland", "from", "2026-01",
                        "to", "2026-02")), status(200)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void function_servesARequestFromItsJarAlone(String logicalId, Supplier<Object> event, Consumer<Map<String, Object>> check) throws Exception {
        try (LambdaFunction function = load(logicalId)) {
            check.accept(answer(function.invoke(event.get())));
        }
    }

    /** The console publisher answers CloudFormation at the ResponseURL, here a local server standing in for it. */
    @Test
    void publishConsole_servesACreateFromItsJarAlone() throws Exception {
        CompletableFuture<String> answered = new CompletableFuture<>();
        HttpServer responseUrl = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        responseUrl.createContext("/", exchange -> {
            answered.complete(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        responseUrl.start();
        try (LambdaFunction function = load("PublishConsoleFunction")) {
            String bucket = aws.stack().bucketName("ConsoleBucket");
            Map<String, Object> request = answer(Json.parse(SampleEvents.read("cloudformation-console-site.json")));
            request.put("ResponseURL", "http://127.0.0.1:" + responseUrl.getAddress().getPort() + "/answer");
            answer(request.get("ResourceProperties")).put("Bucket", bucket);

            function.invoke(request);

            assertThat(answered.get(10, TimeUnit.SECONDS)).contains("\"Status\":\"SUCCESS\"");
            assertThat(aws.clients().s3().headObject(b -> b.bucket(bucket).key("index.html")).contentLength()).isPositive();
        } finally {
            responseUrl.stop(0);
        }
    }

    private static LambdaFunction load(String logicalId) {
        FunctionDefinition function = aws.template().functions().get(logicalId);
        Map<String, String> environment = aws.environmentOf(logicalId);
        String name = aws.stack().stackName() + "-" + logicalId;
        String region = environment.get("AWS_REGION");
        return FunctionLoader.load(function, new FunctionSettings(logicalId, name, "arn:aws:lambda:" + region + ":123456789012:function:" + name,
                region, function.timeoutSeconds(), function.memoryMb()), environment);
    }

    /** An upload of a recording, and S3's notification of it as SQS delivers it. */
    private static Object uploadNotification() {
        Upload upload = new Uploads(aws).upload(UPLOAD,
                Map.of("recorded-at", "2026-11-25T10:15:00Z", "caller", "01572 722577"));
        return Json.parse(SampleEvents.read("sqs-s3-upload.json")
                .replace("call-retention-local-recordings-123456789012", upload.bucket())
                .replace("Xl0qQ7m1r5rTkzq1JpYkZgkV3Ex1d9Ns", upload.versionId().orElseThrow()));
    }

    private static void tagged(Map<String, Object> answer) {
        assertThat((List<?>) answer.get("batchItemFailures")).isEmpty();
        assertThat(aws.clients().s3().getObjectTagging(b -> b.bucket(aws.stack().bucketName("RecordingsBucket")).key(UPLOAD)).tagSet())
                .as("the recording's retention tags").isNotEmpty();
    }

    /** A training copy of an MP3 upload: the decoder the function's jar carries, reading from S3 and writing under training/. */
    private static Object trainingCopyRequest() {
        String key = "rutland/customer-services/phone/2026/11/25/training-source.mp3";
        Uploads uploads = new Uploads(aws);
        try {
            uploads.tag(uploads.upload(key, Files.readAllBytes(Path.of("../shared/src/test/resources/training/tone-440hz-8khz-mono.mp3")),
                    Map.of("recorded-at", "2026-11-25T10:20:00Z")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String path = "/recordings/" + RecordingId.forKey(key) + "/training-copies";
        Map<String, Object> request = answer(apiRequest("POST", "/recordings/{recordingId}/training-copies", "rutland:*:dpo").get());
        request.put("rawPath", path);
        request.remove("rawQueryString");
        request.remove("queryStringParameters");
        request.put("pathParameters", Map.of("recordingId", RecordingId.forKey(key)));
        request.put("body", "{\"purpose\": \"training\", \"reference\": \"TRN-JAR\", \"cut\": [{\"from\": 0.5, \"to\": 1}]}");
        answer(answer(request.get("requestContext")).get("http")).put("path", path);
        return request;
    }

    private static Object reapplyTask() {
        return Json.parse(SampleEvents.read("s3-batch-reapply.json")
                .replace("call-retention-local-recordings-123456789012", aws.stack().bucketName("RecordingsBucket")));
    }

    /** The sample HTTP API request to another route, about Rutland's recordings, by a member of {@code group}. */
    private static Supplier<Object> apiRequest(String method, String path, String group) {
        return apiRequest(method, path, group, Map.of("council", "rutland"));
    }

    private static Supplier<Object> apiRequest(String method, String path, String group, Map<String, String> query) {
        return () -> {
            Map<String, Object> request = answer(Json.parse(SampleEvents.read("http-api-request.json")));
            request.put("routeKey", method + " " + path);
            request.put("rawPath", path);
            request.put("rawQueryString", query.entrySet().stream().map(q -> q.getKey() + "=" + q.getValue()).collect(Collectors.joining("&")));
            request.put("queryStringParameters", query);
            request.remove("body");
            Map<String, Object> context = answer(request.get("requestContext"));
            answer(answer(answer(context.get("authorizer")).get("jwt")).get("claims")).put("cognito:groups", "[" + group + "]");
            Map<String, Object> http = answer(context.get("http"));
            http.put("method", method);
            http.put("path", path);
            return request;
        };
    }

    private static Supplier<Object> json(String text) {
        return () -> Json.parse(text);
    }

    private static Consumer<Map<String, Object>> status(int code) {
        return answer -> assertThat(answer).containsEntry("statusCode", code);
    }

    private static Consumer<Map<String, Object>> hasKey(String key) {
        return answer -> assertThat(answer).containsKey(key).doesNotContainKey("error");
    }

    private static Consumer<Map<String, Object>> complete() {
        return answer -> assertThat(answer).containsEntry("complete", true);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> answer(Object json) {
        return (Map<String, Object>) json;
    }
}
