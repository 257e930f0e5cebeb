package uk.callretention.aws;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as fixed-width text for sort keys. {@link Instant#toString()} drops zero fractions, so "10:15:00Z" would
 * sort after "10:15:00.5Z"; nine fraction digits always keep text order equal to time order.
 */
final class SortableInstant {

    private static final DateTimeFormatter FIXED_WIDTH =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private SortableInstant() {
    }

    static String of(Instant instant) {
        return FIXED_WIDTH.format(instant);
    }
}
