package uk.callretention.access;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import uk.callretention.training.CutRange;
import uk.callretention.training.TrainingCopyRefused;

/**
 * What a training copy is asked for: the purpose (training), a reference, a note, and what to cut out: time ranges of a
 * recording ({@code cut: [{from, to}]}, seconds from its start, to the millisecond, {@code to} excluded), or the numbers
 * of a web chat's messages ({@code messages}, counted from 0 as the console shows them). Exactly one of the two.
 */
public record TrainingCopyRequest(String purpose, String reference, Optional<String> note, List<CutRange> cut, Set<Integer> messages) {

    /** More than any recording needs cut; keeps a request within the API's 8 KiB anyway. */
    static final int MAX_RANGES = 200;
    static final int MAX_MESSAGES = 1000;
    private static final BigDecimal MILLIS = BigDecimal.valueOf(1000);
    /** A day: no call lasts longer, and no time past it fits a long of milliseconds by accident. */
    private static final BigDecimal LONGEST = BigDecimal.valueOf(24 * 60 * 60);

    public static Outcome<TrainingCopyRequest> from(JsonBody body) {
        return body.fields().then(fields -> {
            Optional<String> purpose = fields.requiredText("purpose", PlaybackRequest.MAX_PURPOSE);
            Optional<String> reference = fields.requiredText("reference", PlaybackRequest.MAX_REFERENCE);
            Optional<String> note = fields.text("note", PlaybackRequest.MAX_NOTE);
            Optional<List<?>> cut = fields.list("cut", MAX_RANGES);
            Optional<List<?>> messages = fields.list("messages", MAX_MESSAGES);
            if (fields.problem().isEmpty() && cut.isPresent() == messages.isPresent()) {
                fields.reject("Name what to cut out: time ranges of a recording as cut, [{\"from\": 12.5, \"to\": 20}] in seconds, "
                        + "or a web chat's message numbers as messages, [0, 3]; one of the two.");
            }
            List<CutRange> ranges = fields.problem().isEmpty() ? cut.map(items -> ranges(items, fields)).orElse(List.of()) : List.of();
            Set<Integer> numbers = fields.problem().isEmpty() ? messages.map(items -> numbers(items, fields)).orElse(Set.of()) : Set.of();
            return fields.problem().<Outcome<TrainingCopyRequest>>map(Outcome::refused).orElseGet(() -> Outcome.done(
                    new TrainingCopyRequest(purpose.orElseThrow(), reference.orElseThrow(), note, ranges, numbers)));
        });
    }

    /** Whether the request names time ranges (audio) rather than messages (a web chat). */
    boolean cutsAudio() {
        return !cut.isEmpty();
    }

    private static List<CutRange> ranges(List<?> items, Fields fields) {
        List<CutRange> ranges = new ArrayList<>();
        for (Object item : items) {
            Optional<Duration> from = item instanceof Map<?, ?> range ? seconds(range.get("from")) : Optional.empty();
            Optional<Duration> to = item instanceof Map<?, ?> range ? seconds(range.get("to")) : Optional.empty();
            if (from.isEmpty() || to.isEmpty() || ((Map<?, ?>) item).size() != 2) {
                fields.reject("Give each range to cut as {\"from\": seconds, \"to\": seconds}, from 0 to 86400, to the millisecond.");
                return List.of();
            }
            try {
                ranges.add(CutRange.between(from.get(), to.get()));
            } catch (TrainingCopyRefused reversed) {
                fields.reject("Each range to cut must end after it starts: " + reversed.getMessage() + ".");
                return List.of();
            }
        }
        if (ranges.isEmpty()) {
            fields.reject("Name at least one range to cut: a copy with nothing cut out is not a training copy.");
        }
        return ranges;
    }

    private static Optional<Duration> seconds(Object value) {
        if (!(value instanceof Number number) || value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return Optional.empty();
        }
        BigDecimal seconds = new BigDecimal(number.toString());
        if (seconds.signum() < 0 || seconds.compareTo(LONGEST) > 0 || seconds.multiply(MILLIS).stripTrailingZeros().scale() > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(seconds.multiply(MILLIS).longValueExact()));
    }

    private static Set<Integer> numbers(List<?> items, Fields fields) {
        Set<Integer> numbers = new TreeSet<>();
        for (Object item : items) {
            if (!(item instanceof Integer number) || number < 0) {
                fields.reject("Give the messages to cut as whole numbers from 0, as the conversation numbers them.");
                return Set.of();
            }
            numbers.add(number);
        }
        return numbers;
    }
}
