package uk.callretention.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallerHashTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @CsvSource({
            "01572 722577, +441572722577",
            "+44 (0)1572 722577, +441572722577",
            "00441572722577, +441572722577",
            "441572722577, +441572722577",
            "07700-900123, +447700900123",
            "+1 (212) 555-0100, +12125550100"
    })
    void toE164_whenNumberIsWrittenAnyWay_givesOneForm(String raw, String e164) {
        assertThat(CallerNumber.toE164(raw)).contains(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "withheld", "anonymous", "123", "+4412345678901234567", "0"})
    void toE164_whenNotAPhoneNumber_givesNothing(String raw) {
        assertThat(CallerNumber.toE164(raw)).isEmpty();
    }

    @Test
    void of_whenSameNumberWrittenDifferently_givesSameHashWithoutTheNumber() {
        CallerHash hash = new CallerHash(KEY);
        String one = hash.of("01572 722577").orElseThrow();
        assertThat(hash.of("+44 (0)1572 722577")).contains(one);
        assertThat(one).hasSize(64).doesNotContain("1572722577");
    }

    @Test
    void of_whenKeyDiffers_givesDifferentHash() {
        byte[] other = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);
        assertThat(new CallerHash(KEY).of("01572 722577")).isNotEqualTo(new CallerHash(other).of("01572 722577"));
    }

    @Test
    void construct_whenKeyTooShort_refuses() {
        assertThatThrownBy(() -> new CallerHash(new byte[16])).hasMessageContaining("at least 32 bytes");
    }
}
