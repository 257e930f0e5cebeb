package uk.callretention.system.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.local.runtime.auth.JwtAuthorizer;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/**
 * A training copy's life through the real HTTP path and the stack's own tokens: made by a manager, found and played
 * back like any recording, named on its source's page, and left, and named, when the DPO erases the source.
 */
@ExtendWith(LocalAwsExtension.class)
class TrainingCopiesIntegrationTest {

    private static LocalAws aws;
    private static ApiStack api;
    private static String manager;
    private static String dpo;

    @BeforeAll
    static void startApi() {
        api = ApiStack.start(aws, new JwtAuthorizer(aws.endpoint(), Clock.systemUTC()));
        manager = api.token("training-manager", "rutland:customer-services:manager");
        dpo = api.token("training-dpo", "rutland:*:dpo");
    }

    @AfterAll
    static void stopApi() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void trainingCopy_madeByAManager_isPlayedListedNamedOnItsSourceAndOutlivesTheSourcesErasure() throws Exception {
        CatalogueEntry source = api.recording("rutland", "customer-services", RecordingState.ACTIVE);

        HttpResponse<String> made = api.post("/recordings/" + source.recordingId() + "/training-copies", manager,
                "{\"purpose\": \"training\", \"reference\": \"TRN-HTTP\", \"cut\": [{\"from\": 0, \"to\": 0.05}]}");

        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String copyId = (String) ApiStack.json(made).get("recordingId");
        assertThat(ApiStack.json(made)).containsEntry("trainingCopyOf", source.recordingId()).doesNotContainKeys("agent", "direction");

        Map<String, Object> sourcePage = ApiStack.json(api.get("/recordings/" + source.recordingId(), dpo));
        assertThat(sourcePage).containsEntry("trainingCopies", List.of(copyId));
        Map<String, Object> copyPage = ApiStack.json(api.get("/recordings/" + copyId, dpo));
        assertThat(copyPage).containsEntry("trainingCopyOf", source.recordingId()).containsEntry("retentionClass", "P12M")
                .containsEntry("trainingCopies", List.of());
        assertThat(api.get("/recordings?council=rutland&team=customer-services", manager).body()).contains(copyId);

        HttpResponse<String> link = api.post("/recordings/" + copyId + "/playback-url", manager, "{\"purpose\": \"training\"}");
        assertThat(link.statusCode()).as(link.body()).isEqualTo(200);
        byte[] played = ApiStack.HTTP.send(HttpRequest.newBuilder(URI.create((String) ApiStack.json(link).get("url"))).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(played).hasSameSizeAs(ApiStack.AUDIO);
        assertThat(played[played.length - 1]).as("the byte after the cut, as it was").isEqualTo(ApiStack.AUDIO[ApiStack.AUDIO.length - 1]);

        HttpResponse<String> erased = api.post("/recordings/" + source.recordingId() + "/erasure", dpo, "{\"reference\": \"SAR-TRN\"}");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(ApiStack.json(erased)).containsEntry("trainingCopies", List.of(copyId));
        assertThat(api.get("/recordings/" + copyId, dpo).statusCode()).isEqualTo(200);
        assertThat(api.catalogued(copyId).orElseThrow().state()).isEqualTo(RecordingState.ACTIVE);

        assertThat(api.trail(source.recordingId())).extracting(AuditEvent::action).contains(AuditAction.TRAINING_COPY_MADE, AuditAction.ERASED);
        assertThat(api.trail(copyId)).extracting(AuditEvent::action).contains(AuditAction.TRAINING_COPY_CREATED, AuditAction.PLAYBACK_URL_ISSUED);
    }

    @Test
    void trainingCopy_byStaffOrAnotherCouncilsDpo_isRefusedAsForAnyRecording() throws Exception {
        CatalogueEntry source = api.recording("rutland", "customer-services", RecordingState.ACTIVE);
        String body = "{\"purpose\": \"training\", \"reference\": \"TRN-NO\", \"cut\": [{\"from\": 0, \"to\": 0.05}]}";

        assertThat(List.of(
                api.post("/recordings/" + source.recordingId() + "/training-copies", api.token("training-staff", "rutland:customer-services:staff"), body),
                api.post("/recordings/" + source.recordingId() + "/training-copies", api.token("training-other-dpo", "south-hams:*:dpo"), body),
                api.post("/recordings/" + source.recordingId() + "/training-copies", null, body)))
                .extracting(HttpResponse::statusCode).containsExactly(403, 404, 401);
    }
}
