package uk.callretention.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.SampleEvents;
import uk.callretention.testsupport.TestLambdaContext;

/**
 * The publisher as CloudFormation drives it: requests from events/cloudformation-console-site.json against this test's
 * ConsoleBucket on the local server, answered over real HTTP to a local server standing in for the ResponseURL.
 */
@ExtendWith(LocalAwsExtension.class)
class PublishConsoleIntegrationTest {
    private LocalAws aws;
    private HttpServer responseUrl;
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private volatile int answerStatus = 200;
    private String bucket;
    private S3Client s3;

    /** What arrived at the ResponseURL. */
    private record Answer(String method, List<String> contentType, Map<String, Object> body) {
    }

    @BeforeEach
    void startResponseUrl() throws IOException {
        responseUrl = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        responseUrl.createContext("/", exchange -> {
            answers.add(new Answer(exchange.getRequestMethod(), exchange.getRequestHeaders().get("Content-Type"),
                    JSON.std.mapFrom(exchange.getRequestBody().readAllBytes())));
            exchange.sendResponseHeaders(answerStatus, -1);
            exchange.close();
        });
        responseUrl.start();
        bucket = aws.stack().bucketName("ConsoleBucket");
        s3 = aws.clients().s3();
    }

    @AfterEach
    void emptyBucketAndStop() {
        keys().forEach(key -> s3.deleteObject(delete -> delete.bucket(bucket).key(key)));
        responseUrl.stop(0);
    }

    @Test
    void create_publishesEverySiteFileWithItsTypeAndTheStacksConfig_andAnswersSuccess() throws IOException {
        Map<String, Object> sent = handler().handleRequest(request("Create", Map.of()), TestLambdaContext.of("PublishConsoleFunction"));

        Map<String, byte[]> site = BundledSite.read(getClass().getClassLoader());
        assertThat(keys()).containsExactlyInAnyOrderElementsOf(with(site.keySet(), "config.json"));
        HeadObjectResponse index = s3.headObject(head -> head.bucket(bucket).key("index.html"));
        assertThat(index.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(index.cacheControl()).isEqualTo("no-cache");
        HeadObjectResponse css = s3.headObject(head -> head.bucket(bucket).key("govuk/govuk-frontend.min.css"));
        assertThat(css.contentType()).isEqualTo("text/css; charset=utf-8");
        assertThat(css.cacheControl()).isEqualTo("max-age=300");
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("index.html")).asString(StandardCharsets.UTF_8))
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"connect-src 'self' https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com")
                .contains("<title>");
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("govuk/govuk-frontend.min.js")).asByteArray())
                .isEqualTo(site.get("govuk/govuk-frontend.min.js"));
        Map<String, Object> config = JSON.std.mapFrom(s3.getObjectAsBytes(get -> get.bucket(bucket).key("config.json")).asByteArray());
        assertThat(config).containsEntry("apiUrl", "https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com").containsEntry("signIn", "oidc")
                .containsEntry("clientId", "4example5clientid6abcdefgh")
                .containsEntry("tokenEndpoint", "https://call-retention-123456789012.auth.eu-west-2.amazoncognito.com/oauth2/token");

        assertThat(answers).singleElement().satisfies(answer -> {
            assertThat(answer.method()).isEqualTo("PUT");
            assertThat(answer.contentType()).as("signed for no content type").containsExactly("");
            assertThat(answer.body()).containsEntry("Status", "SUCCESS").containsEntry("PhysicalResourceId", "console-site-" + bucket)
                    .containsEntry("RequestId", "7b1f0b6e-4c4a-4d1e-9c6f-3a2b1c0d9e8f").containsEntry("LogicalResourceId", "ConsoleSite")
                    .containsEntry("StackId", "arn:aws:cloudformation:eu-west-2:123456789012:stack/call-retention/0f8b1a20-cfb1-11f0-9b1e-0a1b2c3d4e5f");
        });
        assertThat(sent).isEqualTo(answers.get(0).body());
    }

    @Test
    void update_removesWhatTheNewSiteNoLongerHas_andKeepsThePhysicalId() {
        PublishConsoleHandler handler = handler();
        handler.handleRequest(request("Create", Map.of()), TestLambdaContext.of("PublishConsoleFunction"));
        s3.putObject(put -> put.bucket(bucket).key("app/retired-view.js"), RequestBody.fromString("export {};"));

        handler.handleRequest(request("Update", Map.of("PhysicalResourceId", "console-site-" + bucket)), TestLambdaContext.of("PublishConsoleFunction"));

        assertThat(keys()).doesNotContain("app/retired-view.js").contains("index.html", "config.json");
        assertThat(answers.get(1).body()).containsEntry("Status", "SUCCESS").containsEntry("PhysicalResourceId", "console-site-" + bucket);
    }

    @Test
    void delete_emptiesTheBucketSoTheStackCanDeleteIt() {
        PublishConsoleHandler handler = handler();
        handler.handleRequest(request("Create", Map.of()), TestLambdaContext.of("PublishConsoleFunction"));

        handler.handleRequest(request("Delete", Map.of("PhysicalResourceId", "console-site-" + bucket)), TestLambdaContext.of("PublishConsoleFunction"));

        assertThat(keys()).isEmpty();
        assertThat(answers.get(1).body()).containsEntry("Status", "SUCCESS").containsEntry("PhysicalResourceId", "console-site-" + bucket);
    }

    @Test
    void delete_whenTheBucketIsAlreadyGone_answersSuccess() {
        Map<String, Object> event = request("Delete", Map.of("PhysicalResourceId", "ConsoleSite"));
        properties(event).put("Bucket", bucket + "-gone");

        handler().handleRequest(event, TestLambdaContext.of("PublishConsoleFunction"));

        assertThat(answers).singleElement().satisfies(answer -> assertThat(answer.body()).containsEntry("Status", "SUCCESS")
                .containsEntry("PhysicalResourceId", "ConsoleSite"));
    }

    @Test
    void create_whenAPropertyIsWrong_answersFailedWithTheReasonAndPublishesNothing() {
        Map<String, Object> event = request("Create", Map.of());
        properties(event).put("ApiUrl", "http://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com");

        handler().handleRequest(event, TestLambdaContext.of("PublishConsoleFunction"));

        assertThat(keys()).isEmpty();
        assertThat(answers).singleElement().satisfies(answer -> assertThat(answer.body()).containsEntry("Status", "FAILED")
                .containsEntry("PhysicalResourceId", "console-site-" + bucket)
                .containsEntry("Reason", "Create of the console failed: ConsoleSite's ApiUrl must be an https URL with a host,"
                        + " not http://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com"));
    }

    @Test
    void create_whenS3RefusesTheWrite_answersFailedNamingS3sError() {
        Map<String, Object> event = request("Create", Map.of());
        properties(event).put("Bucket", bucket + "-missing");

        handler().handleRequest(event, TestLambdaContext.of("PublishConsoleFunction"));

        assertThat(answers).singleElement().satisfies(answer -> assertThat(answer.body()).containsEntry("Status", "FAILED")
                .containsEntry("Reason", "Create of the console failed: S3 refused a request (NoSuchBucket, HTTP 404)"));
    }

    @Test
    void create_whenS3NeverAnswers_answersFailedWhileTimeIsLeft() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread accepter = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            accepter.setDaemon(true);
            accepter.start();
            Map<String, String> environment = new HashMap<>(aws.environmentOf("PublishConsoleFunction"));
            environment.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + silent.getLocalPort());
            int remaining = (int) PublishConsoleHandler.ANSWER_MARGIN.toMillis() + 1_000;

            new PublishConsoleHandler(environment).handleRequest(request("Create", Map.of()), TestLambdaContext.withRemaining("PublishConsoleFunction", remaining));

            assertThat(answers).singleElement().satisfies(answer -> assertThat(answer.body()).containsEntry("Status", "FAILED")
                    .containsEntry("Reason", "Create of the console failed: did not finish within 1 s; nothing more was done"));
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void answer_whenTheResponseUrlFails_isTriedAgainAndTheHandlerStillReturns() {
        answerStatus = 500;

        Map<String, Object> sent = handler().handleRequest(request("Create", Map.of()), TestLambdaContext.of("PublishConsoleFunction"));

        assertThat(answers).hasSize(CloudFormationAnswer.ATTEMPTS);
        assertThat(sent).containsEntry("Status", "SUCCESS");
    }

    private PublishConsoleHandler handler() {
        return new PublishConsoleHandler(aws.environmentOf("PublishConsoleFunction"));
    }

    /** The sample request, of this type, answered to the local server, publishing to this test's bucket. */
    private Map<String, Object> request(String type, Map<String, Object> overrides) {
        try {
            Map<String, Object> event = new HashMap<>(JSON.std.mapFrom(SampleEvents.read("cloudformation-console-site.json")));
            event.put("RequestType", type);
            event.put("ResponseURL", "http://127.0.0.1:" + responseUrl.getAddress().getPort() + "/cloudformation-answer?X-Amz-Signature=example");
            Map<String, Object> properties = new HashMap<>(properties(event));
            properties.put("Bucket", bucket);
            event.put("ResourceProperties", properties);
            event.putAll(overrides);
            return event;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> event) {
        return (Map<String, Object>) event.get("ResourceProperties");
    }

    private List<String> keys() {
        return s3.listObjectsV2Paginator(list -> list.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    private static List<String> with(Collection<String> keys, String extra) {
        List<String> all = new ArrayList<>(keys);
        all.add(extra);
        return all;
    }
}
