package uk.callretention.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RecordingKeyTest {

    @Test
    void parse_whenKeyFollowsLayout_givesEveryPart() {
        assertThat(RecordingKey.parse("newark-sherwood/housing-services/webchat/2024/02/29/chat 12 Zoë.json"))
                .contains(new RecordingKey("newark-sherwood", "housing-services", "webchat", LocalDate.of(2024, 2, 29), "chat 12 Zoë", "json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "rutland/customer-services/phone/2026/01/05/call.wav/extra",
            "rutland/customer-services/phone/2026/01/05/call",
            "Rutland/customer-services/phone/2026/01/05/call.wav",
            "rutland/customer services/phone/2026/01/05/call.wav",
            "rutland/customer-services/phone/2026/02/30/call.wav",
            "rutland/customer-services/phone/2026/13/01/call.wav",
            "rutland/customer-services/phone/26/01/05/call.wav",
            "rutland//phone/2026/01/05/call.wav",
            "rutland/customer-services/phone/2026/01/05/.wav",
            "rutland/customer-services/phone/2026/01/05/ca/ll.wav",
            "rutland/customer-services/phone/2026/01/05/call.WAV",
            "../customer-services/phone/2026/01/05/call.wav",
            "rutland/customer-services-with-a-name-far-longer-than-sixty-four-characters-allowed/phone/2026/01/05/call.wav"
    })
    void parse_whenKeyBreaksLayout_givesNothing(String key) {
        assertThat(RecordingKey.parse(key)).isEmpty();
    }

    @Test
    void parse_whenCallIdFillsS3sKeyLimitInUtf8Bytes_givesIt() {
        String prefix = "rutland/customer-services/phone/2026/01/05/";
        String callId = "é".repeat((RecordingKey.MAX_KEY_BYTES - prefix.length() - ".wav".length()) / 2);

        assertThat(RecordingKey.parse(prefix + callId + ".wav")).map(RecordingKey::callId).contains(callId);
        assertThat(RecordingKey.parse(prefix + callId + "é.wav")).isEmpty();
    }

    @Test
    void parse_whenCallIdHoldsAnyCharacterButASlash_givesIt() {
        assertThat(RecordingKey.parse("rutland/customer-services/phone/2026/01/05/a\tb%2Fc..\u0007 \u202e.wav"))
                .map(RecordingKey::callId).contains("a\tb%2Fc..\u0007 \u202e");
    }

    @Test
    void councilNamedBy_whenOnlyTheFirstPartIsACouncilId_givesIt() {
        assertThat(RecordingKey.councilNamedBy("rutland/nonsense")).contains("rutland");
        assertThat(RecordingKey.councilNamedBy("Rutland/customer-services/phone/2026/01/05/call.wav")).isEmpty();
        assertThat(RecordingKey.councilNamedBy("rutland")).isEmpty();
        assertThat(RecordingKey.councilNamedBy("../rutland/x.wav")).isEmpty();
    }
}
