package uk.callretention.system.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import uk.callretention.recording.RecordingId;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.SampleEvents;

/**
 * Every file in {@code events/}, sent to the function the README's table names for it through the local runtime's
 * {@code POST /_local/functions/{Function}/invocations}, as a person sends it: each must be handled, so a sample that no
 * longer matches its function fails here. Only what belongs to a deployment is put in: the stack's own bucket names, the
 * version ids S3 gave the uploads the samples name, and a local server for CloudFormation's response URL.
 */
@ExtendWith(LocalAwsExtension.class)
class SampleEventsIntegrationTest {

    private static final Path EVENTS = Path.of("..", "events");
    private static final Path README = Path.of("..", "README.md");
    /** A row of the README's table of samples: the file, its source, the function. */
    private static final Pattern ROW = Pattern.compile("^\\| `events/([^`]+)` \\|[^|]+\\| `(\\w+)` \\|$", Pattern.MULTILINE);
    /** What the samples call the local stack's recordings bucket, the sample upload and its version. */
    private static final String SAMPLE_BUCKET = "call-retention-local-recordings-123456789012";
    private static final String UPLOAD = "rutland/customer-services/phone/2026/11/25/call-0001.wav";
    private static final String UPLOAD_VERSION = "Xl0qQ7m1r5rTkzq1JpYkZgkV3Ex1d9Ns";
    /** The re-application task's recording, and its version. */
    private static final String REAPPLIED = "rutland/customer-services/phone/2026/11/12/call 000123.wav";
    private static final String REAPPLIED_VERSION = "3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY";
    private static final String SAMPLE_CONSOLE_BUCKET = "call-retention-consolebucket-1a2b3c4d5e6f";
    private static final String SAMPLE_RESPONSE_URL = "https://cloudformation-custom-resource-response-euwest2.s3.eu-west-2.amazonaws.com/";

    private static LocalAws aws;
    private static ApiStack api;
    private static HttpServer cloudFormation;
    private static final CompletableFuture<String> CLOUDFORMATION_ANSWER = new CompletableFuture<>();
    private static String uploadVersion;
    private static String reappliedVersion;

    /** The recordings the samples name, uploaded and tagged by the runtime as a platform's uploads are. */
    @BeforeAll
    static void startTheRuntimeWithTheSamplesRecordings() throws Exception {
        api = ApiStack.start(aws, null);
        uploadVersion = upload(UPLOAD, "2026-11-25T10:15:00Z");
        reappliedVersion = upload(REAPPLIED, "2026-11-12T09:30:00Z");
        api.awaitCatalogued(RecordingId.forKey(UPLOAD));
        api.awaitCatalogued(RecordingId.forKey(REAPPLIED));
        cloudFormation = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        cloudFormation.createContext("/", exchange -> {
            CLOUDFORMATION_ANSWER.complete(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        cloudFormation.start();
    }

    @AfterAll
    static void stop() {
        if (cloudFormation != null) {
            cloudFormation.stop(0);
        }
        if (api != null) {
            api.close();
        }
    }

    static Stream<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sample_whenSentToTheFunctionTheReadmeNames_isHandled(String sample) throws Exception {
        String function = functionFor(sample)
                .orElseThrow(() -> new AssertionError("README.md's table of samples names no function for events/" + sample));

        HttpResponse<String> response = api.post("/_local/functions/" + function + "/invocations", null, deployed(SampleEvents.read(sample)));

        assertThat(response.statusCode()).as("%s: %s", function, response.body()).isEqualTo(200);
        handled(sample, ApiStack.json(response));
    }

    /** What each sample's function answers when it has done the work, and what it leaves behind. */
    private static void handled(String sample, Map<String, Object> answer) throws Exception {
        switch (sample) {
            case "sqs-s3-upload.json", "sqs-s3-test-event.json", "sqs-export-build.json" ->
                    assertThat((List<?>) answer.get("batchItemFailures")).as("messages SQS would redeliver").isEmpty();
            case "http-api-request.json" -> {
                assertThat(answer).containsEntry("statusCode", 200);
                assertThat(api.trail(RecordingId.forKey(UPLOAD))).extracting(event -> event.action().name()).contains("PLAYBACK_URL_ISSUED");
            }
            case "scheduler-input.json" -> assertThat(answer).containsEntry("dryRun", true).doesNotContainKey("error");
            case "s3-batch-reapply.json" -> assertThat((List<?>) answer.get("results")).singleElement(InstanceOfAssertFactories.MAP)
                    .containsEntry("taskId", "dGFza2lkZ29lc2hlcmUK").containsEntry("resultCode", "Succeeded");
            case "cloudformation-console-site.json" -> {
                assertThat(CLOUDFORMATION_ANSWER.get(10, TimeUnit.SECONDS)).contains("\"Status\":\"SUCCESS\"");
                assertThat(aws.clients().s3().headObject(b -> b.bucket(api.runtime.stack().bucketName("ConsoleBucket")).key("index.html"))
                        .contentLength()).isPositive();
            }
            default -> throw new AssertionError("events/" + sample + " is new: say here what its function answers when it has handled it");
        }
    }

    private static Optional<String> functionFor(String sample) throws IOException {
        Matcher row = ROW.matcher(Files.readString(README));
        while (row.find()) {
            if (row.group(1).equals(sample)) {
                return Optional.of(row.group(2));
            }
        }
        return Optional.empty();
    }

    /** The sample with this deployment's names in place of the sample's. */
    private static String deployed(String sample) {
        return sample.replace(SAMPLE_BUCKET, api.runtime.stack().bucketName("RecordingsBucket"))
                .replace(UPLOAD_VERSION, uploadVersion)
                .replace(REAPPLIED_VERSION, reappliedVersion)
                .replace(SAMPLE_CONSOLE_BUCKET, api.runtime.stack().bucketName("ConsoleBucket"))
                .replaceAll(Pattern.quote(SAMPLE_RESPONSE_URL) + "[^\"]*", "http://127.0.0.1:" + cloudFormation.getAddress().getPort() + "/answer");
    }

    private static String upload(String key, String recordedAt) {
        return aws.clients().s3().putObject(put -> put.bucket(api.runtime.stack().bucketName("RecordingsBucket")).key(key)
                .metadata(Map.of("recorded-at", recordedAt)), RequestBody.fromBytes(ApiStack.AUDIO)).versionId();
    }
}
