package uk.callretention.access;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Every access request, pending and decided; state changes are conditional, so a request is decided and used once. */
public interface AccessRequests {

    void add(AccessRequest request);

    Optional<AccessRequest> find(String recordingId, String requestId);

    /** An approved, unused request by this person to play this recording for this purpose. */
    Optional<AccessRequest> approvedFor(String recordingId, String requester, String purpose);

    /** Records the decision unless the request was decided meanwhile; {@code false} when it was. */
    boolean decide(AccessRequest decided);

    /**
     * A council's pending requests that {@code shown} accepts, newest first, at most {@code limit} of them.
     *
     * @param pageToken where the previous page stopped, as it said
     * @throws AccessCatalogue.InvalidPageTokenException when the token is not one this listing gave
     */
    PendingPage pending(String council, Predicate<AccessRequest> shown, int limit, Optional<String> pageToken);

    record PendingPage(List<AccessRequest> requests, Optional<String> nextPageToken) {
    }

    /** Marks an approved request used unless it already was; {@code false} when it was. */
    boolean markUsed(AccessRequest used);
}
