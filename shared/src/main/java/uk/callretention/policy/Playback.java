package uk.callretention.policy;

import java.time.Duration;

/**
 * How a council lets its staff play recordings back.
 *
 * @param urlLifetime            how long a playback link works; a link is a credential, so minutes, never hours
 * @param maxUrlsPerUserPerHour  links one person may obtain in an hour, against browsing
 * @param accessRequestsRequired whether staff other than the team's managers need an approved written access request
 */
public record Playback(Duration urlLifetime, int maxUrlsPerUserPerHour, boolean accessRequestsRequired) {

    public static final Duration DEFAULT_URL_LIFETIME = Duration.ofMinutes(5);
    public static final Duration MAX_URL_LIFETIME = Duration.ofMinutes(15);
}
