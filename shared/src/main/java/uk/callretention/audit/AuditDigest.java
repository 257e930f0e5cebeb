package uk.callretention.audit;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seal on one UK day of the audit trail, written once where nobody can change or delete it: the head of every
 * chain that grew that day, a hash over that day's events with their outcomes, and the previous day's digest hash,
 * so digests are chained too. A completed outcome changed later, or an event removed after its day was sealed,
 * no longer matches.
 *
 * @param previousHash the hash of the digest of the day before, {@link AuditChain#GENESIS} for the first digest
 * @param heads        subject to its chain's last event of the day
 * @param hash         over every other field
 */
public record AuditDigest(LocalDate day, String previousHash, Map<String, ChainHead> heads, int events, String eventsHash, String hash) {

    private static final Comparator<AuditEntry> CHAIN_ORDER = Comparator.comparing(AuditEntry::subject).thenComparingLong(AuditEntry::sequence);

    public AuditDigest {
        heads = Map.copyOf(heads);
    }

    /** The digest of a day's events (in any order), following the digest whose hash is given. */
    public static AuditDigest of(LocalDate day, Collection<AuditEntry> entries, String previousHash) {
        AuditChain.Sha256 eventsHash = new AuditChain.Sha256().add("audit-day-v1");
        Map<String, ChainHead> heads = new TreeMap<>();
        entries.stream().sorted(CHAIN_ORDER).forEach(entry -> {
            eventsHash.add(entry.subject()).add(Long.toString(entry.sequence())).add(entry.hash()).add(entry.outcome());
            heads.put(entry.subject(), new ChainHead(entry.sequence(), entry.hash()));
        });
        String events = eventsHash.hex();
        return new AuditDigest(day, previousHash, heads, entries.size(), events, hashOf(day, previousHash, heads, entries.size(), events));
    }

    /** Whether the digest's own hash still matches its fields. */
    public boolean intact() {
        return hash.equals(hashOf(day, previousHash, heads, events, eventsHash));
    }

    private static String hashOf(LocalDate day, String previousHash, Map<String, ChainHead> heads, int events, String eventsHash) {
        AuditChain.Sha256 hash = new AuditChain.Sha256().add("audit-digest-v1").add(day.toString()).add(previousHash)
                .add(Integer.toString(events)).add(eventsHash);
        new TreeMap<>(heads).forEach((subject, head) -> hash.add(subject).add(Long.toString(head.sequence())).add(head.hash()));
        return hash.hex();
    }
}
