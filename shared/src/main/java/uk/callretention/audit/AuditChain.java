package uk.callretention.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * The hash that chains each audit event to the one before it about the same subject. It covers every field of the
 * event but its outcome, which may be completed once after the event is recorded (a request's intent first, its
 * result after); the outcome is sealed by the day's {@link AuditDigest} instead. Editing, removing or reordering a
 * chained event changes a hash that the next event, the chain's head or a digest still holds.
 */
public final class AuditChain {

    /** What the first event of a chain points back to. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /** The first link of a new chain. */
    public static ChainLink first(AuditEvent event) {
        return link(event, 1, GENESIS);
    }

    static ChainLink link(AuditEvent event, long sequence, String previousHash) {
        Sha256 hash = new Sha256().add("audit-event-v1").add(event.subject()).add(Long.toString(sequence)).add(previousHash)
                .add(event.eventId()).add(event.at().toString()).add(event.versionId()).add(event.action().name())
                .add(event.actor()).add(event.council()).add(event.purpose()).add(event.reference());
        new TreeMap<>(event.details()).forEach((name, value) -> hash.add(name).add(value));
        return new ChainLink(sequence, previousHash, hash.hex());
    }

    /** Whether the link is the one this event at this place in its chain would have. */
    public static boolean matches(AuditEvent event, ChainLink link) {
        return link(event, link.sequence(), link.previousHash()).equals(link);
    }

    /** SHA-256 over length-prefixed fields, so no two different field lists hash alike; a null field differs from "". */
    static final class Sha256 {
        private final MessageDigest digest;

        Sha256() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
        }

        Sha256 add(String field) {
            if (field == null) {
                digest.update(new byte[] {'-', ':'});
                return this;
            }
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            digest.update(bytes);
            return this;
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
