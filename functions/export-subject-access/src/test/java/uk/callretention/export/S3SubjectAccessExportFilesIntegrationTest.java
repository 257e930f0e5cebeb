package uk.callretention.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import uk.callretention.access.SubjectAccessExport;
import uk.callretention.aws.S3SubjectAccessExportFiles;
import uk.callretention.testsupport.S3ProxyServer;

/** An export's download link on S3Proxy, which, unlike moto, answers with the response headers a link asks for. */
class S3SubjectAccessExportFilesIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] ZIP = "PK zip bytes".getBytes(StandardCharsets.US_ASCII);

    private static S3ProxyServer proxy;
    private static S3SubjectAccessExportFiles files;
    private static SubjectAccessExport export;

    @BeforeAll
    static void startS3ProxyWithAnExport() {
        proxy = S3ProxyServer.start();
        String bucket = "exports-" + UUID.randomUUID();
        proxy.client().createBucket(b -> b.bucket(bucket));
        Instant now = Instant.now();
        export = new SubjectAccessExport(UUID.randomUUID().toString(), "rutland", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"),
                "SAR-1", List.of(), SubjectAccessExport.State.READY, null, now, now.plus(SubjectAccessExport.KEPT));
        proxy.client().putObject(b -> b.bucket(bucket).key("exports/rutland/" + export.exportId() + ".zip"), RequestBody.fromBytes(ZIP));
        files = new S3SubjectAccessExportFiles(proxy.client(), proxy.presigner(), bucket);
    }

    @AfterAll
    static void stopS3Proxy() {
        proxy.close();
    }

    @Test
    void link_savesTheZipAsAnAttachment_andOnlyForItsLifetime() throws Exception {
        var link = files.link(export, Duration.ofMinutes(5));
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(ZIP);
        assertThat(response.headers().firstValue("content-type")).contains("application/zip");
        assertThat(response.headers().firstValue("content-disposition")).contains("attachment; filename=\"subject-access-" + export.exportId() + ".zip\"");
        assertThat(HTTP.send(HttpRequest.newBuilder(proxy.signedEarlier(link, Duration.ofMinutes(5).plusSeconds(30))).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
    }
}
