package uk.callretention.audit;

/** A chain's last event so far: its sequence number and hash. */
public record ChainHead(long sequence, String hash) {

    /** The link an event gets when it follows this one. */
    public ChainLink next(AuditEvent event) {
        return AuditChain.link(event, sequence + 1, hash);
    }
}
