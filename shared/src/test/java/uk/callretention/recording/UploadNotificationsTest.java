package uk.callretention.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadNotificationsTest {

    @Test
    void parse_whenAwsEvent_givesDecodedKeyVersionAndSequencer() {
        String body = """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:CompleteMultipartUpload",
                  "s3":{"bucket":{"name":"recordings"},
                        "object":{"key":"rutland/customer-services/phone/2026/01/05/call+1+Zo%C3%AB%2B2.wav","size":10,
                                  "versionId":"v1","sequencer":"0055AED6DCD90281E5"}}}]}""";
        assertThat(UploadNotifications.parse(body)).containsExactly(new Upload("recordings",
                "rutland/customer-services/phone/2026/01/05/call 1 Zoë+2.wav", Optional.of("v1"), Optional.of("0055AED6DCD90281E5")));
    }

    @Test
    void parse_whenSlashesAreEncoded_decodesThemToo() {
        String body = """
                {"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"a%2Fb%2Fc.wav"}}}]}""";
        assertThat(UploadNotifications.parse(body)).extracting(Upload::key).containsExactly("a/b/c.wav");
    }

    @Test
    void parse_whenTestEvent_givesNoUploads() {
        assertThat(UploadNotifications.parse("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"b\"}")).isEmpty();
    }

    @Test
    void parse_whenNotAnUpload_skipsIt() {
        String body = """
                {"Records":[{"eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"b"},"object":{"key":"k"}}}]}""";
        assertThat(UploadNotifications.parse(body)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "[1,2]",
            "{}",
            "{\"Records\": 5}",
            "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\"}]}",
            "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{},\"object\":{\"key\":\"k\"}}}]}",
            "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{}}}]}",
            "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"%E0%A4%A\"}}}]}"
    })
    void parse_whenMalformed_refusesWithReason(String body) {
        assertThatThrownBy(() -> UploadNotifications.parse(body))
                .isInstanceOf(UploadNotifications.MalformedNotificationException.class)
                .hasMessageStartingWith("malformed S3 event notification: ");
    }
}
