package uk.callretention.systemtests.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.local.LocalRuntime;
import uk.callretention.local.runtime.http.HttpApiServer;
import uk.callretention.local.runtime.http.RouteAuthorizer;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/** The template's HttpApi routes answer over real HTTP as API Gateway's HTTP API does with payload format 2.0. */
@ExtendWith(LocalAwsExtension.class)
class HttpApiIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalAws aws;
    private static LocalRuntime runtime;

    /** Lets a request through with a bearer token only if the route's authorizer config reached it resolved. */
    private static final RouteAuthorizer STAFF_TOKEN = (request, authorizer) -> authorizer.<RouteAuthorizer.Decision>map(config -> {
        Object issuer = ((Map<?, ?>) config.definition().get("JwtConfiguration")).get("issuer");
        boolean configured = issuer.equals("https://issuer.example/" + runtime.stack().stackName());
        return configured && "Bearer staff-token".equals(request.headers().get("authorization"))
                ? new RouteAuthorizer.Allow(Map.of("sub", "staff-1"), List.of())
                : new RouteAuthorizer.Refuse(401, "Unauthorized");
    }).orElse(RouteAuthorizer.Allow.withoutAuthorizer());

    @BeforeAll
    static void startRuntime() {
        runtime = new LocalRuntime(TestRuntimes.options("template.yaml", aws).withAuthorizer(STAFF_TOKEN)).start();
    }

    @AfterAll
    static void stopRuntime() {
        runtime.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void request_whenRouteHasAPathVariableAndQuery_theFunctionGetsTheV2PayloadAndItsResponseComesBack() throws Exception {
        long before = Instant.now().toEpochMilli();
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/echo/b%20c?b=2&a=1&a=3"))
                .header("X-Custom", "one").header("X-Multi", "1").header("X-Multi", "2").header("Cookie", "c1=v1; c2=v2").GET());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("x-route-key")).contains("GET /echo/{word}");
        assertThat(response.headers().allValues("x-repeated")).containsExactly("first", "second");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("session=abc; Path=/");
        Map<String, Object> event = JSON.std.mapFrom(response.body());
        assertThat(event).containsEntry("version", "2.0").containsEntry("routeKey", "GET /echo/{word}")
                .containsEntry("rawPath", "/echo/b%20c").containsEntry("rawQueryString", "b=2&a=1&a=3")
                .containsEntry("queryStringParameters", Map.of("b", "2", "a", "1,3"))
                .containsEntry("pathParameters", Map.of("word", "b c"))
                .containsEntry("cookies", List.of("c1=v1", "c2=v2"))
                .containsEntry("isBase64Encoded", false)
                .doesNotContainKeys("body", "stageVariables");
        assertThat((Map<String, Object>) event.get("headers")).containsEntry("x-custom", "one").containsEntry("x-multi", "1,2")
                .containsEntry("x-forwarded-proto", "http").containsKeys("host", "user-agent").doesNotContainKey("cookie");
        Map<String, Object> context = (Map<String, Object>) event.get("requestContext");
        assertThat(context).containsEntry("accountId", "123456789012").containsEntry("apiId", "ServerlessHttpApi")
                .containsEntry("domainName", "127.0.0.1").containsEntry("domainPrefix", "127").containsEntry("stage", "$default")
                .containsEntry("routeKey", "GET /echo/{word}").doesNotContainKey("authorizer");
        assertThat((String) context.get("requestId")).hasSize(16);
        assertThat((String) context.get("time")).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(((Number) context.get("timeEpoch")).longValue()).isBetween(before, Instant.now().toEpochMilli());
        assertThat((Map<String, Object>) context.get("http")).containsEntry("method", "GET").containsEntry("path", "/echo/b%20c")
                .containsEntry("protocol", "HTTP/1.1").containsEntry("sourceIp", "127.0.0.1").containsKey("userAgent");
    }

    @Test
    void request_whenBodyIsJson_theFunctionGetsItAsText() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/echo/json")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")));

        Map<String, Object> event = JSON.std.mapFrom(response.body());
        assertThat(event).containsEntry("body", "{\"a\":1}").containsEntry("isBase64Encoded", false);
    }

    @Test
    void request_whenBodyIsBinary_itTravelsBase64EncodedBothWays() throws Exception {
        byte[] audio = new byte[4096];
        new Random(7).nextBytes(audio);

        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(api("/binary")).header("content-type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(audio)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(audio);
    }

    @Test
    void request_whenTypedHandlerGetsAPathParameter_itsResponseComesBack() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/greetings/ada")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/plain");
        assertThat(response.headers().firstValue("x-subject")).contains("none");
        assertThat(response.body()).isEqualTo("hello ada from " + runtime.stack().stackName() + "-GreetingFunction");
    }

    @Test
    void request_whenTheFunctionAnswersWithoutStatusCode_itIsA200JsonBody() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/status")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(JSON.std.mapFrom(response.body())).containsEntry("functionName", runtime.stack().stackName() + "-ScheduledJobFunction");
    }

    @Test
    void request_whenBodyIsOver10MB_is413() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/echo/big"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[HttpApiServer.MAX_BODY_BYTES + 1])));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
    }

    @Test
    void request_whenNoRouteMatches_is404NotFound() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/greetings")).GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void request_whenTheFunctionThrows_is500WithoutItsMessage() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/greetings/boom")).GET());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void request_whenRouteHasAnAuthorizerAndNoToken_is401() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/private/ada")).GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    }

    @Test
    void request_whenTheAuthorizerAllows_theFunctionGetsItsClaims() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/private/ada")).header("Authorization", "Bearer staff-token").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-subject")).contains("staff-1");
    }

    @Test
    void defaultAuthorizer_whenRouteHasAnAuthorizer_refusesAndOtherwiseAllows() {
        RouteAuthorizer standard = RouteAuthorizer.onlyRoutesWithoutAuthorizer();
        RouteAuthorizer.Request request = new RouteAuthorizer.Request("GET", "/private/ada", Map.of());

        assertThat(standard.authorize(request, Optional.empty())).isEqualTo(RouteAuthorizer.Allow.withoutAuthorizer());
        assertThat(standard.authorize(request, Optional.of(new RouteAuthorizer.AuthorizerConfig("StaffJwt", Map.of(), List.of()))))
                .isEqualTo(new RouteAuthorizer.Refuse(401, "Unauthorized"));
    }

    private static URI api(String pathAndQuery) {
        return URI.create(runtime.apiEndpoint() + pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
