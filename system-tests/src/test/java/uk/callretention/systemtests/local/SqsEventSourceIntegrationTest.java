package uk.callretention.systemtests.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static uk.callretention.systemtests.local.TestRuntimes.eventually;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import uk.callretention.local.LocalRuntime;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/** Uploads reach an SQS-triggered function as through Lambda's event source mapping, failures included. */
@ExtendWith(LocalAwsExtension.class)
class SqsEventSourceIntegrationTest {
    private static LocalAws aws;
    private static LocalRuntime runtime;

    @BeforeAll
    static void startRuntime() {
        runtime = new LocalRuntime(TestRuntimes.options("template.yaml", aws)).start();
    }

    @AfterAll
    static void stopRuntime() {
        runtime.close();
    }

    @Test
    void upload_whenPutWithTheSdk_reachesTheFunctionFromItsQueue() {
        String key = "ok-" + UUID.randomUUID() + ".wav";
        aws.clients().s3().putObject(put -> put.bucket(bucket()).key(key), RequestBody.fromString("RIFF"));

        Map<String, AttributeValue> item = awaitResult(key + "#1");

        assertThat(item.get("eventSourceArn").s()).isEqualTo(runtime.stack().queueArn("UploadsQueue"));
        assertThat(item.get("eventSource").s()).isEqualTo("aws:sqs");
        assertThat(item.get("awsRegion").s()).isEqualTo("eu-west-2");
        assertThat(item.get("bucket").s()).isEqualTo(bucket());
        assertThat(item.get("functionName").s()).isEqualTo(runtime.stack().stackName() + "-RecordUploadsFunction");
    }

    @Test
    void upload_whenCopiedWithTheAwsCli_reachesTheFunctionWithItsKeyDecoded(@TempDir Path folder) throws IOException, InterruptedException {
        assumeTrue(onPath("aws"), "the aws-cli is not on PATH");
        String key = "cli upload " + UUID.randomUUID() + ".wav";
        Path file = Files.writeString(folder.resolve("recording.wav"), "RIFF");
        ProcessBuilder copy = new ProcessBuilder("aws", "s3", "cp", file.toString(), "s3://" + bucket() + "/" + key,
                "--endpoint-url", aws.endpoint().toString()).redirectErrorStream(true);
        copy.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "AWS_DEFAULT_REGION", "eu-west-2"));
        Process cli = copy.start();
        String output = new String(cli.getInputStream().readAllBytes());

        assertThat(cli.waitFor(30, TimeUnit.SECONDS) && cli.exitValue() == 0).as("aws s3 cp: " + output).isTrue();
        assertThat(awaitResult(key + "#1")).containsKey("messageId");
    }

    @Test
    void batch_whenTheFunctionReportsOneItemFailure_onlyThatMessageReturnsThenGoesToTheDeadLetterQueue() {
        String id = UUID.randomUUID().toString();
        aws.clients().s3().putObject(put -> put.bucket(bucket()).key("ok-" + id + ".wav"), RequestBody.fromString("RIFF"));
        aws.clients().s3().putObject(put -> put.bucket(bucket()).key("fail-" + id + ".wav"), RequestBody.fromString("RIFF"));

        awaitResult("fail-" + id + ".wav#2");
        Message deadLetter = awaitDeadLetter("UploadsDeadLetterQueue", "fail-" + id);

        assertThat(deadLetter.body()).contains("ObjectCreated");
        assertThat(result("ok-" + id + ".wav#1")).isPresent();
        assertThat(result("ok-" + id + ".wav#2")).isEmpty();
        assertThat(result("fail-" + id + ".wav#3")).isEmpty();
    }

    @Test
    void batch_whenTheFunctionThrows_theMessageIsRetriedThenDeadLettered() {
        String body = "poison-" + UUID.randomUUID();
        aws.clients().sqs().sendMessage(send -> send.queueUrl(runtime.stack().queueUrl("PoisonQueue")).messageBody(body));

        awaitResult(body + "#1");
        awaitResult(body + "#2");

        assertThat(awaitDeadLetter("PoisonDeadLetterQueue", body).body()).isEqualTo(body);
        assertThat(result(body + "#3")).isEmpty();
    }

    @Test
    void invoke_whenGivenTheSampleUploadEvent_theFunctionGetsItAsAnSqsEvent() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(runtime.apiEndpoint() + "/_local/functions/RecordUploadsFunction/invocations"))
                .POST(HttpRequest.BodyPublishers.ofFile(TestRuntimes.EVENTS.resolve("sqs-s3-upload.json"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"batchItemFailures\":[]}");
        Map<String, AttributeValue> item = awaitResult("rutland/customer-services/phone/2026/11/25/call-0001.wav#1");
        assertThat(item.get("eventSourceArn").s()).isEqualTo("arn:aws:sqs:eu-west-2:123456789012:call-retention-local-UploadsQueue-1A2B3C4D5E6F");
        assertThat(item.get("messageId").s()).isEqualTo("4fbb0c64-6e3a-4d28-9c5b-2f0d1e7a9b31");
    }

    private static String bucket() {
        return runtime.stack().bucketName("UploadsBucket");
    }

    private static Map<String, AttributeValue> awaitResult(String id) {
        return eventually(Duration.ofSeconds(10), "result " + id, () -> result(id));
    }

    private static Optional<Map<String, AttributeValue>> result(String id) {
        Map<String, AttributeValue> item = aws.clients().dynamoDb().getItem(get -> get.tableName(runtime.stack().tableName("ResultsTable"))
                .key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true)).item();
        return item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static Message awaitDeadLetter(String queue, String containing) {
        String url = runtime.stack().queueUrl(queue);
        return eventually(Duration.ofSeconds(15), "a message containing " + containing + " on " + queue, () ->
                aws.clients().sqs().receiveMessage(receive -> receive.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                        .stream().filter(message -> message.body().contains(containing)).findFirst());
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
