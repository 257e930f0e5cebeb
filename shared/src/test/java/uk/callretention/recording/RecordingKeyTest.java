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
            "rutland/customer-services/phone/2026/01/05/call\u0007.wav"
    })
    void parse_whenKeyBreaksLayout_givesNothing(String key) {
        assertThat(RecordingKey.parse(key)).isEmpty();
    }
}
