package uk.callretention.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDetailsTest {

    private static final String PHONE = "[phone number removed]";
    private static final String EMAIL = "[e-mail address removed]";
    private static final String CARD = "[card number removed]";
    private static final String POSTCODE = "[postcode removed]";

    static Stream<Arguments> cutFrom_whenTextHoldsAPersonalDetail_replacesItWithItsKindsMarker() {
        return Stream.of(
                // written form -> marker
                Arguments.of("07700 900123", PHONE),
                Arguments.of("07700900123", PHONE),
                Arguments.of("07700-900-123", PHONE),
                Arguments.of("07700.900.123", PHONE),
                Arguments.of("+44 7700 900123", PHONE),
                Arguments.of("+447700900123", PHONE),
                Arguments.of("+44 (0) 7700 900123", PHONE),
                Arguments.of("+44(0)7700900123", PHONE),
                Arguments.of("0044 7700 900123", PHONE),
                Arguments.of("(01632) 960001", PHONE),
                Arguments.of("01632 960001", PHONE),
                Arguments.of("020 7946 0018", PHONE),
                Arguments.of("0808 157 0192", PHONE),
                Arguments.of("+1 (555) 010-9999", PHONE),
                Arguments.of("+353 1 234 5678", PHONE),
                Arguments.of("(+33) 1 23 45 67 89", PHONE),
                Arguments.of("john.smith@example.co.uk", EMAIL),
                Arguments.of("John.Smith+council@Example.COM", EMAIL),
                Arguments.of("j_o'neill@mail.example.org", EMAIL),
                Arguments.of("jane @ example.com", EMAIL),
                Arguments.of("4111 1111 1111 1111", CARD),
                Arguments.of("4111-1111-1111-1111", CARD),
                Arguments.of("4111111111111111", CARD),
                Arguments.of("5555 5555 5555 4444", CARD),
                Arguments.of("3782 822463 10005", CARD),
                Arguments.of("4222222222222", CARD),
                Arguments.of("6011 0009 9013 9424", CARD),
                // 16 digits failing Luhn: cut all the same (a mistyped card still discloses fifteen digits)
                Arguments.of("4111 1111 1111 1112", CARD),
                Arguments.of("SW1A 1AA", POSTCODE),
                Arguments.of("sw1a1aa", POSTCODE),
                Arguments.of("SW1A1AA", POSTCODE),
                Arguments.of("M1 1AE", POSTCODE),
                Arguments.of("b33 8th", POSTCODE),
                Arguments.of("CR2 6XH", POSTCODE),
                Arguments.of("DN55 1PT", POSTCODE),
                Arguments.of("EC1A 1BB", POSTCODE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource
    void cutFrom_whenTextHoldsAPersonalDetail_replacesItWithItsKindsMarker(String detail, String marker) {
        assertThat(PersonalDetails.cutFrom(detail)).isEqualTo(marker);
        assertThat(PersonalDetails.cutFrom("It is " + detail + ", thanks.")).isEqualTo("It is " + marker + ", thanks.");
        assertThat(PersonalDetails.cutFrom("(" + detail + ")")).doesNotContain(detail);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "I'll call back at 10:30.",
            "On 2026-12-01 at 10:30:15",
            "On 01-12-2026 10:30",
            "On 01.12.2026 10.30",
            "Between 01-12-2026 10:30 and 02-12-2026 14:00",
            "Readings 0,1234567890 and 1.5",
            "Your appointment is 01/12/2026.",
            "That's £12.50, or £1,250.00 for the year.",
            "Your case reference is REF-2026-004512.",
            "Case 12345678 is open.",
            "Council tax account 51234567 is paid.",
            "Order number 1234567890123 has shipped.", // 13 digits, not Luhn-valid
            "Room 101, Block B, floor 2.",
            "Call 101 or 999 in an emergency.",
            "Version 1.2.3 of the form.",
            "Email the team at the address on the letter.",
            "Open 9-5, Monday to Friday.",
            "It's 2 1/2 miles away."})
    void cutFrom_whenTextHoldsNoPersonalDetail_leavesItAlone(String text) {
        assertThat(PersonalDetails.cutFrom(text)).isEqualTo(text);
    }

    @Test
    void cutFrom_whenACardIsFollowedByItsSecurityCode_cutsTheCard() {
        assertThat(PersonalDetails.cutFrom("4111111111111111 123")).isEqualTo(CARD + " 123");
    }

    @Test
    void cutFrom_whenTextHoldsSeveralKinds_cutsEach() {
        String text = "I'm at SW1A 1AA, phone 07700 900123 or +44 20 7946 0018, email jo@example.com, card 4111-1111-1111-1111 exp 12/27";

        assertThat(PersonalDetails.cutFrom(text)).isEqualTo("I'm at " + POSTCODE + ", phone " + PHONE + " or " + PHONE + ", email "
                + EMAIL + ", card " + CARD + " exp 12/27");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tel:07700900123", "mob07700900123", "Call: 07700 900123.", "07700 900123, 07700 900124", "[07700 900123]"})
    void cutFrom_whenAPhoneNumberIsPunctuated_cutsIt(String text) {
        assertThat(PersonalDetails.cutFrom(text)).contains(PHONE).doesNotContain("900123").doesNotContain("900124");
    }

    @Test
    void cutFrom_whenTwoPhoneNumbersFollowEachOther_cutsBoth() {
        assertThat(PersonalDetails.cutFrom("07700 900123 07700 900124")).doesNotContain("900123").doesNotContain("900124");
    }

    @Test
    void luhnValid_whenDigitsAreATestCard_isTrue() {
        assertThat(PersonalDetails.luhnValid("4111111111111111")).isTrue();
        assertThat(PersonalDetails.luhnValid("4111111111111112")).isFalse();
        assertThat(PersonalDetails.luhnValid("1234567890123")).isFalse();
    }
}
