package uk.callretention.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock, moved forward by a test to see what a later instant makes of a token, or of an export's 7 days. */
public final class MovableClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    public void moveAhead(Duration by) {
        ahead = by;
    }

    public void reset() {
        ahead = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("its users read instants only");
    }
}
