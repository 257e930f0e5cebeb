package uk.callretention.audit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.callretention.policy.RetentionSchedule;

/**
 * Checks a stored audit trail against its chains and its digests; every problem is named by subject, sequence or
 * day, never by personal data. An untouched trail has none. It finds: an event edited in place (its hash no longer
 * matches), removed (a gap, a head ahead of its chain, or a sealed day with fewer events), reordered or replaced (a
 * link that does not follow its predecessor), added to a chain out of turn, an outcome changed after its day was
 * sealed, and a digest altered, missing or written twice.
 */
public final class AuditVerification {

    /** @param problems empty when the trail is intact */
    public record Report(int events, int chains, int digests, List<String> problems) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    private final List<String> problems = new ArrayList<>();

    private AuditVerification() {
    }

    public static Report verify(StoredTrail trail, List<StoredDigest> digests) {
        AuditVerification verification = new AuditVerification();
        trail.unreadable().forEach(key -> verification.problems.add(key + ": unreadable as an audit event"));
        Map<String, ChainHead> heads = trail.heads();
        Map<String, List<StoredAuditEvent>> chains = new TreeMap<>();
        for (StoredAuditEvent stored : trail.events()) {
            verification.checkAlone(stored);
            if (stored.link() != null) {
                chains.computeIfAbsent(stored.event().subject(), subject -> new ArrayList<>()).add(stored);
            }
        }
        chains.forEach((subject, chain) -> verification.checkChain(subject, chain, heads.get(subject)));
        heads.keySet().stream().filter(subject -> !chains.containsKey(subject)).sorted()
                .forEach(subject -> verification.problems.add(subject + ": chain head #" + heads.get(subject).sequence() + " but no events"));
        verification.checkDigests(chains, digests);
        return new Report(trail.events().size() + trail.unreadable().size(), chains.size(), digests.size(), List.copyOf(verification.problems));
    }

    private void checkAlone(StoredAuditEvent stored) {
        String at = stored.event().subject() + " event " + stored.event().eventId();
        if (stored.link() == null) {
            problems.add(at + ": not chained");
            return;
        }
        if (!AuditChain.matches(stored.event(), stored.link())) {
            problems.add(stored.event().subject() + " #" + stored.link().sequence() + ": changed since it was recorded");
        }
        if (!stored.filedAsWritten()) {
            problems.add(stored.event().subject() + " #" + stored.link().sequence() + ": its key or day index no longer matches it");
        }
    }

    private void checkChain(String subject, List<StoredAuditEvent> chain, ChainHead head) {
        chain.sort(Comparator.comparingLong(stored -> stored.link().sequence()));
        long expected = 1;
        String previousHash = AuditChain.GENESIS;
        for (StoredAuditEvent stored : chain) {
            ChainLink link = stored.link();
            if (link.sequence() < expected) {
                problems.add(subject + " #" + link.sequence() + ": more than one event claims this place");
                continue;
            }
            if (link.sequence() > expected) {
                problems.add(subject + " #" + expected + (link.sequence() - 1 > expected ? "-#" + (link.sequence() - 1) : "") + ": missing");
            } else if (!link.previousHash().equals(previousHash)) {
                problems.add(subject + " #" + link.sequence() + ": does not follow the event before it (reordered or replaced)");
            }
            expected = link.sequence() + 1;
            previousHash = link.hash();
        }
        ChainLink last = chain.get(chain.size() - 1).link();
        if (head == null) {
            problems.add(subject + ": has no chain head");
        } else if (head.sequence() != last.sequence() || !head.hash().equals(last.hash())) {
            problems.add(subject + ": chain head is #" + head.sequence() + " but the last event is #" + last.sequence()
                    + (head.sequence() > last.sequence() ? " (events removed from its end)" : ""));
        }
    }

    private void checkDigests(Map<String, List<StoredAuditEvent>> chains, List<StoredDigest> digests) {
        Map<LocalDate, List<AuditEntry>> entriesByDay = new HashMap<>();
        chains.values().forEach(chain -> chain.forEach(stored -> entriesByDay
                .computeIfAbsent(ukDay(stored.event()), day -> new ArrayList<>())
                .add(new AuditEntry(stored.event().subject(), stored.link().sequence(), stored.link().hash(), stored.event().outcome()))));
        AuditDigest previous = null;
        for (StoredDigest stored : digests.stream().sorted(Comparator.comparing(StoredDigest::day)).toList()) {
            LocalDate day = stored.day();
            if (stored.versions() > 1) {
                problems.add("digest of " + day + ": written " + stored.versions() + " times");
            }
            AuditDigest digest = stored.digest();
            if (digest == null || !digest.day().equals(day) || !digest.intact()) {
                problems.add("digest of " + day + ": altered or unreadable");
                previous = null;
                continue;
            }
            if (previous != null && !previous.day().plusDays(1).equals(day)) {
                LocalDate firstMissing = previous.day().plusDays(1);
                problems.add((firstMissing.equals(day.minusDays(1)) ? "digest of " + firstMissing : "digests of " + firstMissing + " to " + day.minusDays(1))
                        + ": missing");
            } else if (previous != null && !digest.previousHash().equals(previous.hash())) {
                problems.add("digest of " + day + ": does not follow the digest of " + previous.day());
            }
            AuditDigest now = AuditDigest.of(day, entriesByDay.getOrDefault(day, List.of()), digest.previousHash());
            if (!now.eventsHash().equals(digest.eventsHash()) || !now.heads().equals(digest.heads())) {
                problems.add("day " + day + ": sealed with " + digest.events() + " events, now " + now.events()
                        + "; events or outcomes changed after it was sealed");
            }
            previous = digest;
        }
    }

    private static LocalDate ukDay(AuditEvent event) {
        return LocalDate.ofInstant(event.at(), RetentionSchedule.UK);
    }
}
