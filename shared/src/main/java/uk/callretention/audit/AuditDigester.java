package uk.callretention.audit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Seals each finished UK day of the audit trail with a digest, oldest first, from the day after the last sealed one
 * up to yesterday (yesterday alone on the first run ever). A day is sealed after it has ended, so its events and
 * their completed outcomes are in; a day is never sealed twice. It stops when the deadline nears; the next run
 * carries on from the last day sealed.
 */
public final class AuditDigester {

    private final AuditDays days;
    private final AuditDigestStore store;

    public AuditDigester(AuditDays days, AuditDigestStore store) {
        this.days = days;
        this.store = store;
    }

    /** What a run sealed, and whether it reached yesterday. */
    public record Report(List<LocalDate> sealed, boolean complete) {
    }

    public Report run(LocalDate today, BooleanSupplier deadlineNear) {
        Optional<AuditDigest> latest = store.latest();
        LocalDate day = latest.map(digest -> digest.day().plusDays(1)).orElse(today.minusDays(1));
        String previousHash = latest.map(AuditDigest::hash).orElse(AuditChain.GENESIS);
        List<LocalDate> sealed = new ArrayList<>();
        for (; day.isBefore(today); day = day.plusDays(1)) {
            if (deadlineNear.getAsBoolean()) {
                return new Report(sealed, false);
            }
            AuditDigest digest = AuditDigest.of(day, days.entriesOn(day), previousHash);
            if (!store.write(digest)) {
                // Another run sealed this day first and carries on from it.
                return new Report(sealed, false);
            }
            sealed.add(day);
            previousHash = digest.hash();
        }
        return new Report(sealed, true);
    }
}
