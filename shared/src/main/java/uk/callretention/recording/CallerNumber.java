package uk.callretention.recording;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normalises a caller's phone number to E.164, so that "01572 722577", "+44 (0)1572 722577" and "00441572722577"
 * find the same recordings in a subject access request. Numbers without a country code are UK numbers.
 */
public final class CallerNumber {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s().\\-/]");

    private CallerNumber() {
    }

    public static Optional<String> toE164(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String number = SEPARATORS.matcher(raw.trim().replace("(0)", "")).replaceAll("");
        if (number.startsWith("00")) {
            number = "+" + number.substring(2);
        } else if (number.startsWith("0")) {
            number = "+44" + number.substring(1);
        } else if (!number.startsWith("+")) {
            number = "+" + number;
        }
        return E164.matcher(number).matches() ? Optional.of(number) : Optional.empty();
    }
}
