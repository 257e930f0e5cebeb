package uk.callretention.access;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a request (a JSON body or a query string), read one by one; the first that is wrong is remembered as
 * the refusal, so a parser reads every field and asks once whether all were right.
 */
public final class Fields {

    private final Map<String, ?> values;
    private Refusal problem;

    public Fields(Map<String, ?> values) {
        this.values = values == null ? Map.of() : values;
    }

    /** Absent or blank gives empty; otherwise text of at most {@code max} characters with no control characters but new lines. */
    public Optional<String> text(String name, int max) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text) || text.length() > max || text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            return wrong("Give " + name + " as text of at most " + max + " characters.");
        }
        return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    public Optional<String> requiredText(String name, int max) {
        Optional<String> text = text(name, max);
        if (text.isEmpty() && problem == null) {
            wrong("Fill in " + name + ": it is needed.");
        }
        return text;
    }

    /** A UK date, {@code YYYY-MM-DD}. */
    public Optional<LocalDate> date(String name) {
        return text(name, 10).flatMap(text -> {
            try {
                return Optional.of(LocalDate.parse(text));
            } catch (DateTimeException e) {
                return wrong("Give " + name + " as a real date, YYYY-MM-DD, for example 2026-03-31.");
            }
        });
    }

    /** A UK calendar month, {@code YYYY-MM}. */
    public Optional<YearMonth> month(String name) {
        return text(name, 7).flatMap(text -> {
            try {
                return Optional.of(YearMonth.parse(text));
            } catch (DateTimeException e) {
                return wrong("Give " + name + " as a month, YYYY-MM, for example 2026-03.");
            }
        });
    }

    /** A whole number from {@code min} to {@code max}, written as a number or as text (a query string's values are text). */
    public Optional<Integer> number(String name, int min, int max) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            int number = value instanceof Number n ? Math.toIntExact(n.longValue()) : Integer.parseInt(value.toString().strip());
            if (number >= min && number <= max) {
                return Optional.of(number);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below like an out-of-range number
        }
        return wrong("Give " + name + " as a whole number from " + min + " to " + max + ".");
    }

    /** {@code true} or {@code false}, as a JSON boolean or as text; absent is false. */
    public boolean flag(String name) {
        Object value = values.get(name);
        if (value == null || value.equals(Boolean.FALSE) || value.equals("false")) {
            return false;
        }
        if (value.equals(Boolean.TRUE) || value.equals("true")) {
            return true;
        }
        wrong("Give " + name + " as true or false.");
        return false;
    }

    /** A JSON array of at most {@code max} items, absent giving empty; its items are the caller's to check. */
    public Optional<List<?>> list(String name, int max) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof List<?> items) || items.size() > max) {
            return wrong("Give " + name + " as a list of at most " + max + " items.");
        }
        return Optional.of(items);
    }

    /** Records a problem the caller found in values it read, such as two fields that contradict each other. */
    public void reject(String message) {
        wrong(message);
    }

    /** The first wrong field, if any. */
    public Optional<Refusal> problem() {
        return Optional.ofNullable(problem);
    }

    private <T> Optional<T> wrong(String message) {
        if (problem == null) {
            problem = Refusal.BAD_REQUEST.saying(message);
        }
        return Optional.empty();
    }
}
