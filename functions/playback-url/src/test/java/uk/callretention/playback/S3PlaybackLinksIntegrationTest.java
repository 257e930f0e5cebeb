package uk.callretention.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.callretention.recording.CatalogueEntryBuilder.forKey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import uk.callretention.access.RecordingMedia;
import uk.callretention.aws.S3PlaybackLinks;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;
import uk.callretention.testsupport.S3ProxyServer;

/**
 * Links made by the function's own signing code, checked by S3Proxy, which verifies signatures and lifetimes as S3
 * does (moto checks neither): a link works for its lifetime, then stops; a link with any part changed never works.
 */
class S3PlaybackLinksIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] AUDIO = "RIFF\u0024\0\0\0WAVEfmt \u0010\0\0\0 and the rest of the call".getBytes(StandardCharsets.ISO_8859_1);

    private static S3ProxyServer proxy;
    private static S3PlaybackLinks links;
    private static CatalogueEntry recording;

    @BeforeAll
    static void startS3ProxyWithARecording() {
        proxy = S3ProxyServer.start();
        String bucket = "links-" + UUID.randomUUID();
        proxy.client().createBucket(b -> b.bucket(bucket));
        String key = "rutland/customer-services/phone/2026/01/15/call-7.wav";
        // S3Proxy's in-memory store keeps no versions: the link names none, as it would for an unversioned object.
        proxy.client().putObject(b -> b.bucket(bucket).key(key).contentType("binary/octet-stream"), RequestBody.fromBytes(AUDIO));
        recording = forKey(key).ordering("t1").state(RecordingState.ACTIVE).council("rutland").team("customer-services").channel("phone")
                .recordedAt(Instant.parse("2026-01-15T10:00:00Z")).retentionClass("P3M").policyRef("rutland@1").contentType("audio/wav")
                .sizeBytes(AUDIO.length).build();
        links = new S3PlaybackLinks(proxy.presigner(), bucket);
    }

    @AfterAll
    static void stopS3Proxy() {
        proxy.close();
    }

    @Test
    void link_whileItLives_playsTheAudioInlineWithItsTypeAndASafeName() throws Exception {
        HttpResponse<byte[]> response = get(links.sign(recording, RecordingMedia.toPlay(recording), Duration.ofMinutes(5)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(AUDIO);
        assertThat(response.headers().firstValue("content-type")).contains("audio/wav");
        assertThat(response.headers().firstValue("content-disposition")).contains("inline; filename=\"" + recording.recordingId() + ".wav\"");
    }

    @Test
    void releaseLink_whileItLives_savesTheFile() throws Exception {
        HttpResponse<byte[]> response = get(links.sign(recording, RecordingMedia.toSave(recording), Duration.ofMinutes(5)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-disposition")).contains("attachment; filename=\"" + recording.recordingId() + ".wav\"");
    }

    @Test
    void link_untilTheEndOfItsLifetime_plays() throws Exception {
        URI link = links.sign(recording, RecordingMedia.toPlay(recording), Duration.ofMinutes(5));

        assertThat(get(proxy.signedEarlier(link, Duration.ofMinutes(5).minusSeconds(30))).statusCode()).isEqualTo(200);
    }

    @Test
    void link_whenItsLifetimeHasPassed_isRefused() throws Exception {
        URI link = links.sign(recording, RecordingMedia.toPlay(recording), Duration.ofMinutes(5));

        assertThat(get(proxy.signedEarlier(link, Duration.ofMinutes(5).plusSeconds(30))).statusCode()).isEqualTo(403);
    }

    @Test
    void link_whenTamperedWith_isRefused() throws Exception {
        String link = links.sign(recording, RecordingMedia.toPlay(recording), Duration.ofMinutes(5)).toString();
        String signature = link.substring(link.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length());
        String otherSignature = (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1);

        assertThat(get(URI.create(link.replace("inline", "attachment"))).statusCode()).isEqualTo(403);
        assertThat(get(URI.create(link.replace("X-Amz-Expires=300", "X-Amz-Expires=900"))).statusCode()).isEqualTo(403);
        assertThat(get(URI.create(link.replace(signature, otherSignature))).statusCode()).isEqualTo(403);
    }

    private static HttpResponse<byte[]> get(URI link) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
