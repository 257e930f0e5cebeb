package uk.callretention.access;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.callretention.recording.CatalogueEntryBuilder.anEntry;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;

class RecordingMediaTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "rutland/customer-services/phone/2026/01/15/Mrs Smith's call.wav | audio/wav        | inline; filename=\"rec-1.wav\"",
            "rutland/customer-services/phone/2026/01/15/call.MP3             | audio/mpeg       | inline; filename=\"rec-1.mp3\"",
            "newark-sherwood/customer-services/webchat/2026/01/15/chat.json  | application/json | inline; filename=\"rec-1.json\"",
            "uploads/page.html                                               | application/octet-stream | attachment; filename=\"rec-1\"",
            "uploads.v2/no-extension                                         | application/octet-stream | attachment; filename=\"rec-1\""})
    void toPlay_namesTheFileByItsIdAndTypesItByTheContract(String key, String type, String disposition) {
        CatalogueEntry entry = anEntry().recordingId("rec-1").objectKey(key).versionId("v1").ordering("t1").state(RecordingState.ACTIVE)
                .retentionClass("P3M").contentType("text/html").sizeBytes(1).build();

        RecordingMedia media = RecordingMedia.toPlay(entry);

        assertThat(media.contentType()).isEqualTo(type);
        assertThat(media.contentDisposition()).isEqualTo(disposition);
    }
}
