package uk.callretention.audit;

/**
 * An event's place in its subject's chain: its sequence number (1 for the subject's first event), the hash of the
 * event before it ({@link AuditChain#GENESIS} for the first) and its own hash.
 */
public record ChainLink(long sequence, String previousHash, String hash) {

    /** The chain's head once this event is its last. */
    public ChainHead head() {
        return new ChainHead(sequence, hash);
    }
}
