package uk.callretention.training;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts the personal details a training copy must never show out of a piece of text, each replaced by a marker naming
 * its kind, so a trainee still sees that the customer gave one. Always applied: no setting turns a kind off.
 *
 * <p>Order matters: e-mail addresses go first (they may hold digits), then card numbers (so no part of a card is read
 * as a phone number), then phone numbers, then postcodes.
 *
 * <p>What is cut, and what is deliberately left:
 * <ul>
 *   <li>E-mail addresses, also with spaces around the {@code @}.</li>
 *   <li>Card numbers: 13 to 19 digits, not starting with 0, written whole or in groups split by a space or dash, that
 *       pass the Luhn check. A 16-digit run that fails it is cut too: nearly every Visa and Mastercard has 16 digits,
 *       and a customer who mistypes one digit has still given away fifteen. Other non-Luhn runs (order and account
 *       numbers) stay. One unbroken string of more than 19 digits is not read as a card.</li>
 *   <li>Phone numbers: UK numbers written from their leading 0 (10 or 11 digits, spaces, dots, dashes and brackets
 *       allowed, as in "(01632) 960001"), and international numbers written with + or 00 (8 to 15 digits after it,
 *       "+44 (0) 7700 900123" included). A number written without its 0, + or 00 (such as "7700 900123", or an American
 *       "555-010-9999") is not recognised.</li>
 *   <li>UK postcodes, in any case, with or without the space.</li>
 * </ul>
 * Times ("10:30"), dates ("2026-12-01", "01/12/2026", also followed by a time), amounts ("£12.50") and short
 * reference numbers stay. Erring towards cutting: a reference of 10 or 11 digits starting with 0, or a decimal such as
 * "0.1234567890" (a dotted phone number to this reader), is cut as a phone number.
 */
public final class PersonalDetails {

    /** A kind of personal detail, and the marker that stands in its place. */
    public enum Kind {
        EMAIL_ADDRESS("[e-mail address removed]"),
        CARD_NUMBER("[card number removed]"),
        PHONE_NUMBER("[phone number removed]"),
        POSTCODE("[postcode removed]");

        private final String marker;

        Kind(String marker) {
            this.marker = marker;
        }

        public String marker() {
            return marker;
        }
    }

    private static final Pattern EMAIL = Pattern.compile(
            "[\\p{L}0-9._%+'-]+\\s?@\\s?[\\p{L}0-9-]+(?:\\.[\\p{L}0-9-]+)+");
    private static final Pattern POSTCODE = Pattern.compile(
            "(?<![\\p{L}0-9])[A-Z]{1,2}[0-9][A-Z0-9]?\\s?[0-9][A-Z]{2}(?![\\p{L}0-9])", Pattern.CASE_INSENSITIVE);

    private PersonalDetails() {
    }

    /** The text with every personal detail replaced by its kind's marker; null stays null. */
    public static String cutFrom(String text) {
        if (text == null) {
            return null;
        }
        String cut = replaceAll(text, EMAIL, Kind.EMAIL_ADDRESS);
        cut = new NumberScan(cut, Kind.CARD_NUMBER).cut();
        cut = new NumberScan(cut, Kind.PHONE_NUMBER).cut();
        return replaceAll(cut, POSTCODE, Kind.POSTCODE);
    }

    private static String replaceAll(String text, Pattern pattern, Kind kind) {
        return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(kind.marker()));
    }

    /**
     * Finds card or phone numbers by walking digit runs rather than by one regular expression: a run may hold more
     * than one number ("4111111111111111 123", a card and its security code), and whether a run is a number depends on
     * how many digits it has and how it starts, which a pattern cannot count. From each place a number could start,
     * the longest stretch ending at the end of a group of digits that qualifies is cut.
     */
    private static final class NumberScan {

        private final String text;
        private final Kind kind;

        NumberScan(String text, Kind kind) {
            this.text = text;
            this.kind = kind;
        }

        String cut() {
            StringBuilder out = new StringBuilder(text.length());
            int i = 0;
            while (i < text.length()) {
                int end = canStart(i) ? longestNumberFrom(i) : -1;
                if (end > i) {
                    out.append(kind.marker());
                    i = end;
                } else {
                    out.append(text.charAt(i));
                    i++;
                }
            }
            return out.toString();
        }

        private boolean canStart(int i) {
            char c = text.charAt(i);
            char before = i == 0 ? ' ' : text.charAt(i - 1);
            if (Character.isDigit(before) || i >= 2 && isNumberJoint(before) && Character.isDigit(text.charAt(i - 2))) {
                return false;
            }
            if (kind == Kind.CARD_NUMBER) {
                return c >= '1' && c <= '9' && before != '+';
            }
            return (c == '+' || c == '(' || Character.isDigit(c)) && before != '+';
        }

        /** The end (exclusive) of the longest number starting at {@code start}, or -1. */
        private int longestNumberFrom(int start) {
            StringBuilder digits = new StringBuilder();
            boolean plus = false;
            int best = -1;
            int separators = 0;
            for (int i = start; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isDigit(c)) {
                    digits.append(c);
                    separators = 0;
                    if (digits.length() > 19) {
                        break;
                    }
                    boolean groupEnds = i + 1 == text.length() || !Character.isDigit(text.charAt(i + 1));
                    if (groupEnds && endsCleanly(i + 1) && qualifies(digits, plus)) {
                        best = i + 1;
                    }
                } else if (c == '+' && i == start || c == '+' && i == start + 1 && text.charAt(start) == '(') {
                    plus = true;
                } else if (isSeparator(c) && ++separators <= 2 && (i > start || c == '(')) {
                    continue;
                } else {
                    break;
                }
            }
            return best;
        }

        /**
         * Whether a number may end here: not where a time, date, decimal or list of numbers goes on ("01-12-2026 10:30"
         * has ten digits from its 0, but is no phone number).
         */
        private boolean endsCleanly(int end) {
            return end >= text.length() || !(isNumberJoint(text.charAt(end)) && end + 1 < text.length()
                    && Character.isDigit(text.charAt(end + 1)));
        }

        /** Joins numbers into one that no number we cut contains: times, dates, decimals, thousands. */
        private static boolean isNumberJoint(char c) {
            return c == ':' || c == '/' || c == '.' || c == ',';
        }

        private boolean isSeparator(char c) {
            return kind == Kind.CARD_NUMBER ? c == ' ' || c == '-' : c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
        }

        private boolean qualifies(CharSequence digits, boolean plus) {
            int n = digits.length();
            if (kind == Kind.CARD_NUMBER) {
                return n >= 13 && n <= 19 && (n == 16 || luhnValid(digits));
            }
            if (plus) {
                return n >= 8 && n <= 15;
            }
            if (n >= 2 && digits.charAt(0) == '0' && digits.charAt(1) == '0') {
                return n >= 10 && n <= 17;
            }
            return digits.charAt(0) == '0' && (n == 10 || n == 11);
        }
    }

    static boolean luhnValid(CharSequence digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
