package uk.callretention.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The digests' own checks; the chains' are proven against DynamoDB in AuditTrailIntegrationTest. */
class AuditVerificationTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 2);
    static final StoredTrail NO_EVENTS = new StoredTrail(List.of(), Map.of(), List.of());

    @Test
    void verify_whenEveryDayIsSealedInTurn_findsNothing() {
        assertThat(AuditVerification.verify(NO_EVENTS, stored(sealedDays(3))).problems()).isEmpty();
    }

    @Test
    void verify_whenADaysDigestIsMissing_namesTheDay() {
        List<AuditDigest> digests = sealedDays(3);
        digests.remove(1);

        assertThat(AuditVerification.verify(NO_EVENTS, stored(digests)).problems()).containsExactly("digest of " + DAY.plusDays(1) + ": missing");
    }

    @Test
    void verify_whenADigestIsEditedOrReplacedByAnotherChain_saysWhich() {
        List<AuditDigest> digests = sealedDays(3);
        AuditDigest second = digests.get(1);
        digests.set(1, new AuditDigest(second.day(), second.previousHash(), second.heads(), second.events() + 1, second.eventsHash(), second.hash()));

        assertThat(AuditVerification.verify(NO_EVENTS, stored(digests)).problems()).containsExactly("digest of " + DAY.plusDays(1) + ": altered or unreadable");

        digests.set(1, AuditDigest.of(second.day(), List.of(), AuditChain.GENESIS));
        assertThat(AuditVerification.verify(NO_EVENTS, stored(digests)).problems())
                .containsExactly("digest of " + DAY.plusDays(1) + ": does not follow the digest of " + DAY,
                        "digest of " + DAY.plusDays(2) + ": does not follow the digest of " + DAY.plusDays(1));
    }

    @Test
    void verify_whenAnEventIsNotChained_saysSo() {
        AuditEvent event = new AuditEvent("e-1", Instant.parse("2026-11-02T10:00:00Z"), "rec-1", null, AuditAction.LISTED, "staff-1", "rutland",
                null, null, "allowed", Map.of());

        assertThat(AuditVerification.verify(new StoredTrail(List.of(new StoredAuditEvent(event, null, true)), Map.of(), List.of()), List.of())
                .problems()).containsExactly("rec-1 event e-1: not chained");
    }

    private static List<AuditDigest> sealedDays(int days) {
        List<AuditDigest> digests = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int i = 0; i < days; i++) {
            AuditDigest digest = AuditDigest.of(DAY.plusDays(i), List.of(), previous);
            digests.add(digest);
            previous = digest.hash();
        }
        return digests;
    }

    private static List<StoredDigest> stored(List<AuditDigest> digests) {
        return digests.stream().map(digest -> new StoredDigest(digest.day(), digest, 1)).toList();
    }
}
