package uk.callretention.access;

import java.time.Duration;
import java.time.Instant;

/**
 * The browsing guard's places: each person has as many as their council allows links in the window, and every link
 * issued takes one for the whole window after it. A place is taken by one request alone, however many arrive at once,
 * so no one ever holds more links issued within any one window than there are places.
 */
public interface BrowsingGuard {

    /**
     * Takes one of the person's {@code places} for a link issued {@code at}: one never taken, or whose link was issued
     * {@code window} or longer before. Refused when every place holds a link issued within the window.
     */
    Place takePlace(String person, int places, Duration window, Instant at);

    /**
     * Whether a place was taken; when not, the first instant one is free again: when the oldest link issued within the
     * window leaves it, as the person would see if they asked nothing more meanwhile.
     */
    record Place(boolean taken, Instant freeFrom) {

        public static final Place TAKEN = new Place(true, null);

        public static Place full(Instant freeFrom) {
            return new Place(false, freeFrom);
        }
    }
}
