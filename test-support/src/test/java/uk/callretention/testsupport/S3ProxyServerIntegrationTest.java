package uk.callretention.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** S3Proxy checks what moto does not: a presigned URL's signature and its expiry. */
class S3ProxyServerIntegrationTest {
    private static final String BUCKET = "presign-test";
    private static final String KEY = "council/call.wav";
    private static S3ProxyServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        server.client().createBucket(b -> b.bucket(BUCKET));
        server.client().putObject(b -> b.bucket(BUCKET).key(KEY), RequestBody.fromString("RIFF audio"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void presignedGet_whenFetched_returnsTheObject() throws Exception {
        HttpResponse<String> response = get(presign(Duration.ofMinutes(5)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("RIFF audio");
    }

    @Test
    void presignedGet_whenSignatureAltered_isRefused() throws Exception {
        String url = presign(Duration.ofMinutes(5)).toString();
        int signature = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        String altered = url.substring(0, signature) + (url.charAt(signature) == '0' ? '1' : '0') + url.substring(signature + 1);

        assertThat(get(URI.create(altered)).statusCode()).isEqualTo(403);
    }

    @Test
    void presignedGet_whenSignedEarlierWithinItsLifetime_returnsTheObject() throws Exception {
        URI url = server.signedEarlier(presign(Duration.ofMinutes(5)), Duration.ofMinutes(4));

        assertThat(get(url).statusCode()).isEqualTo(200);
    }

    @Test
    void presignedGet_whenLifetimeHasPassed_isRefused() throws Exception {
        URI url = server.signedEarlier(presign(Duration.ofMinutes(5)), Duration.ofMinutes(6));

        assertThat(get(url).statusCode()).isEqualTo(403);
    }

    private URI presign(Duration lifetime) throws Exception {
        return server.presigner().presignGetObject(p -> p.signatureDuration(lifetime).getObjectRequest(g -> g.bucket(BUCKET).key(KEY))).url().toURI();
    }

    private HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
