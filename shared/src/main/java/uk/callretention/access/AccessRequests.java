package uk.callretention.access;

import java.util.Optional;

/** Every access request, pending and decided; state changes are conditional, so a request is decided and used once. */
public interface AccessRequests {

    void add(AccessRequest request);

    Optional<AccessRequest> find(String recordingId, String requestId);

    /** An approved, unused request by this person to play this recording for this purpose. */
    Optional<AccessRequest> approvedFor(String recordingId, String requester, String purpose);

    /** Records the decision unless the request was decided meanwhile; {@code false} when it was. */
    boolean decide(AccessRequest decided);

    /** Marks an approved request used unless it already was; {@code false} when it was. */
    boolean markUsed(AccessRequest used);
}
