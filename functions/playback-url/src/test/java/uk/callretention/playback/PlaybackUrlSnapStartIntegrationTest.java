package uk.callretention.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.callretention.playback.Invocations.body;
import static uk.callretention.playback.Invocations.staff;
import static uk.callretention.playback.Invocations.status;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.aws.CallerHashKey;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.SentRequests;
import uk.callretention.testsupport.Uploads;

/**
 * SnapStart's hooks on the playback function built as Lambda builds it, from the template's environment (at the local
 * server): priming before the snapshot touches nothing, the function serves as before after a restore, and the
 * caller-hash key is never held across a snapshot.
 */
@ExtendWith(LocalAwsExtension.class)
class PlaybackUrlSnapStartIntegrationTest {

    private static final String CALLER = "01572 722577";

    static LocalAws aws;
    private static Map<String, String> environment;
    private static Uploads uploads;
    private static DynamoDbAuditLog audit;

    @BeforeAll
    static void stack() {
        environment = aws.environmentOf("PlaybackUrlFunction");
        uploads = new Uploads(aws);
        audit = new DynamoDbAuditLog(aws.clients().dynamoDb(), aws.stack().tableName("AuditTable"));
    }

    @BeforeEach
    void clearSent() {
        SentRequests.clear();
    }

    @Test
    void beforeCheckpoint_whenPrimed_sendsNothingToAwsAndWritesNoTrail() {
        PlaybackUrlHandler handler = new PlaybackUrlHandler(environment);
        int auditItems = itemsIn("AuditTable");
        int guardItems = itemsIn("BrowsingGuardTable");
        SentRequests.clear();

        handler.snapStart().beforeCheckpoint(null);

        assertThat(SentRequests.to(aws.endpoint())).isEmpty();
        assertThat(SentRequests.elsewhere(aws.endpoint())).as("the priming request, answered by the priming clients")
                .extracting(SentRequests.Sent::operation).contains("GetItem", "UpdateItem", "PutItem");
        assertThat(itemsIn("AuditTable")).isEqualTo(auditItems);
        assertThat(itemsIn("BrowsingGuardTable")).isEqualTo(guardItems);
    }

    @Test
    void playbackLink_afterCheckpointAndRestore_isIssuedAndAuditedAsWithoutThem() throws Exception {
        PlaybackUrlHandler handler = new PlaybackUrlHandler(environment);
        CatalogueEntry recording = uploads.tagged("rutland/customer-services/phone/2026/11/20/snap-" + UUID.randomUUID() + ".wav",
                Map.of("recorded-at", "2026-11-20T10:00:00Z", "caller", CALLER));
        handler.snapStart().beforeCheckpoint(null);
        handler.snapStart().afterRestore(null);

        APIGatewayV2HTTPResponse answer = play(handler, recording);

        assertThat(status(answer)).isEqualTo(200);
        assertThat(body(answer)).containsEntry("recordingId", recording.recordingId()).containsEntry("versionId", recording.versionId());
        List<AuditEvent> trail = audit.trailOf(recording.recordingId());
        assertThat(trail).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.PLAYBACK_URL_ISSUED);
            assertThat(event.outcome()).isEqualTo("allowed");
        });
    }

    @Test
    void callerHashKey_isReadWhenFirstNeededForgottenBeforeCheckpointAndReadAgainByTheFirstSubjectAccessAfterRestore() throws Exception {
        PlaybackUrlHandler handler = new PlaybackUrlHandler(environment);
        CatalogueEntry recording = uploads.tagged("rutland/customer-services/phone/2026/11/20/snap-" + UUID.randomUUID() + ".wav",
                Map.of("recorded-at", "2026-11-20T10:00:00Z", "caller", CALLER));
        SentRequests.clear();
        assertThat(keyReads()).as("at initialisation").isZero();

        assertThat(status(subjectAccess(handler))).isEqualTo(200);
        assertThat(status(subjectAccess(handler))).isEqualTo(200);
        assertThat(keyReads()).as("read once, then held").isEqualTo(1);

        handler.snapStart().beforeCheckpoint(null);
        assertThat(status(subjectAccess(handler))).isEqualTo(200);
        assertThat(keyReads()).as("forgotten before the snapshot, so read again").isEqualTo(2);

        handler.snapStart().beforeCheckpoint(null);
        handler.snapStart().afterRestore(null);
        assertThat(status(play(handler, recording))).isEqualTo(200);
        assertThat(keyReads()).as("playback, the usual request, does not need the key").isEqualTo(2);
        assertThat(status(subjectAccess(handler))).isEqualTo(200);
        assertThat(keyReads()).as("read again by the first subject access after the restore").isEqualTo(3);
    }

    @Test
    void subjectAccess_whenTheKeyCannotBeRead_failsSayingSoAndTheNextRequestReadsItAgain() throws Exception {
        String secretName = "caller-hash-" + UUID.randomUUID();
        Map<String, String> withoutSecret = new HashMap<>(environment);
        withoutSecret.put("CALLER_HASH_SECRET_ARN", secretName);
        PlaybackUrlHandler handler = new PlaybackUrlHandler(withoutSecret);

        assertThatThrownBy(() -> subjectAccess(handler)).isInstanceOf(CallerHashKey.Unavailable.class)
                .hasMessageContaining("caller-hash key could not be read from Secrets Manager")
                .hasMessageContaining("the next request that needs it tries again");

        aws.clients().secretsManager().createSecret(b -> b.name(secretName).secretString("0123456789abcdef0123456789abcdef0123456789abcdef"));
        try {
            assertThat(status(subjectAccess(handler))).isEqualTo(200);
        } finally {
            aws.clients().secretsManager().deleteSecret(b -> b.secretId(secretName).forceDeleteWithoutRecovery(true));
        }
    }

    private static APIGatewayV2HTTPResponse play(PlaybackUrlHandler handler, CatalogueEntry recording) {
        return handler.handleRequest(Invocations.apiEvent(PlaybackUrlHandler.PLAYBACK_URL, staff("snap-manager", "rutland:customer-services:manager"),
                recording.recordingId(), Map.of(), "{\"purpose\":\"complaint\",\"reference\":\"CMP-2026-0117\"}"), Invocations.context());
    }

    private static APIGatewayV2HTTPResponse subjectAccess(PlaybackUrlHandler handler) {
        return handler.handleRequest(Invocations.apiEvent(PlaybackUrlHandler.SUBJECT_ACCESS, staff("snap-dpo", "rutland:*:dpo"), null,
                Map.of("phone", CALLER, "from", "2026-11-01", "to", "2026-11-30"), null), Invocations.context());
    }

    private static long keyReads() {
        return SentRequests.to(aws.endpoint()).stream().filter(sent -> sent.operation().equals("GetSecretValue")).count();
    }

    private static int itemsIn(String table) {
        return aws.clients().dynamoDb().scan(b -> b.tableName(aws.stack().tableName(table))).count();
    }
}
