package uk.callretention.policy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A value in a policy file together with its field path and line, read as the type a field
 * needs. A value of the wrong form is reported where it stands and read as empty, so reading
 * carries on and every mistake in a file is found in one pass.
 */
record PolicyValue(Node node, String field, Problems problems) {

    /** Council and team ids: lower-case words joined by hyphens, as they appear in object keys. */
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    int line() {
        return node.getStartMark().getLine() + 1;
    }

    void problem(String message) {
        problems.add(line(), field, message);
    }

    PolicyValue child(Node child, String name) {
        return new PolicyValue(child, field.isEmpty() ? name : field + "." + name, problems);
    }

    boolean hasFields() {
        return node instanceof MappingNode;
    }

    Optional<PolicyMapping> fields() {
        if (node instanceof MappingNode mapping) {
            return Optional.of(new PolicyMapping(this, mapping));
        }
        problem("expected fields (name: value lines)");
        return Optional.empty();
    }

    Optional<List<PolicyValue>> list() {
        if (!(node instanceof SequenceNode sequence)) {
            problem("expected a list");
            return Optional.empty();
        }
        List<PolicyValue> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            items.add(new PolicyValue(item, field + "[" + items.size() + "]", problems));
        }
        return Optional.of(items);
    }

    Optional<String> text() {
        if (!(node instanceof ScalarNode scalar)) {
            problem("expected a single value");
            return Optional.empty();
        }
        if (scalar.getValue().isBlank()) {
            problem("must not be empty");
            return Optional.empty();
        }
        return Optional.of(scalar.getValue());
    }

    Optional<String> id() {
        return text().filter(text -> matches(ID, text, "'" + text + "' must be lower-case words joined by hyphens, e.g. customer-services"));
    }

    Optional<String> matching(Pattern pattern, String rule) {
        return text().filter(text -> matches(pattern, text, "'" + text + "' must be " + rule));
    }

    Optional<LocalDate> date() {
        return text().flatMap(text -> read(text, LocalDate::parse, "an ISO date such as 2021-12-01"));
    }

    Optional<Duration> duration() {
        return text().flatMap(text -> read(text, Duration::parse, "an ISO-8601 duration such as PT5M"));
    }

    Optional<Period> period() {
        return text().flatMap(text -> read(text, Period::parse, "an ISO-8601 period such as P12M"));
    }

    Optional<Integer> positiveNumber() {
        return text().flatMap(text -> read(text, Integer::valueOf, "a whole number"))
                .filter(n -> check(n > 0, "must be more than zero"));
    }

    Optional<Boolean> flag() {
        return text().filter(text -> check(text.equals("true") || text.equals("false"), "'" + text + "' must be true or false"))
                .map(Boolean::valueOf);
    }

    /** A name from a fixed vocabulary, reported with the names allowed. */
    <T> Optional<T> oneOf(String kind, Function<String, Optional<T>> lookup, List<String> allowed) {
        return text().flatMap(text -> {
            Optional<T> found = lookup.apply(text);
            if (found.isEmpty()) {
                problem("unknown " + kind + " '" + text + "'; expected one of " + String.join(", ", allowed));
            }
            return found;
        });
    }

    boolean check(boolean ok, String message) {
        if (!ok) {
            problem(message);
        }
        return ok;
    }

    private boolean matches(Pattern pattern, String text, String message) {
        return check(pattern.matcher(text).matches(), message);
    }

    private <T> Optional<T> read(String text, Function<String, T> parse, String expected) {
        try {
            return Optional.of(parse.apply(text));
        } catch (DateTimeParseException | NumberFormatException e) {
            problem("'" + text + "' is not " + expected);
            return Optional.empty();
        }
    }
}
