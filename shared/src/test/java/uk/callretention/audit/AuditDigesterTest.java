package uk.callretention.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuditDigesterTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    final TreeMap<LocalDate, AuditDigest> written = new TreeMap<>();
    final AuditDigestStore store = new AuditDigestStore() {
        @Override
        public Optional<AuditDigest> latest() {
            return Optional.ofNullable(written.lastEntry()).map(entry -> entry.getValue());
        }

        @Override
        public boolean write(AuditDigest digest) {
            return written.putIfAbsent(digest.day(), digest) == null;
        }

        @Override
        public List<StoredDigest> all() {
            return written.values().stream().map(digest -> new StoredDigest(digest.day(), digest, 1)).toList();
        }
    };
    final AuditDays days = day -> List.of(new AuditEntry("rec-" + day, 1, "h-" + day, "allowed"));

    @Test
    void run_whenNothingWasSealedYet_sealsYesterdayAlone() {
        AuditDigester.Report report = new AuditDigester(days, store).run(TODAY, () -> false);

        assertThat(report.sealed()).containsExactly(TODAY.minusDays(1));
        assertThat(written.get(TODAY.minusDays(1)).previousHash()).isEqualTo(AuditChain.GENESIS);
    }

    @Test
    void run_whenRunsWereMissed_sealsEachDaySinceTheLastInOrderEachFollowingTheOneBefore() {
        new AuditDigester(days, store).run(TODAY.minusDays(3), () -> false);

        AuditDigester.Report report = new AuditDigester(days, store).run(TODAY, () -> false);

        assertThat(report.sealed()).containsExactly(TODAY.minusDays(3), TODAY.minusDays(2), TODAY.minusDays(1));
        assertThat(report.complete()).isTrue();
        List<AuditDigest> chain = new ArrayList<>(written.values());
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).previousHash()).isEqualTo(chain.get(i - 1).hash());
        }
    }

    @Test
    void run_whenTheDeadlineNears_stopsAndTheNextRunCarriesOn() {
        new AuditDigester(days, store).run(TODAY.minusDays(3), () -> false);
        AtomicInteger checks = new AtomicInteger();

        AuditDigester.Report stopped = new AuditDigester(days, store).run(TODAY, () -> checks.incrementAndGet() > 1);
        AuditDigester.Report next = new AuditDigester(days, store).run(TODAY, () -> false);

        assertThat(stopped.sealed()).containsExactly(TODAY.minusDays(3));
        assertThat(stopped.complete()).isFalse();
        assertThat(next.sealed()).containsExactly(TODAY.minusDays(2), TODAY.minusDays(1));
    }

    @Test
    void of_whenAnOutcomeDiffers_eventsHashDiffers() {
        AuditDigest allowed = AuditDigest.of(TODAY, List.of(new AuditEntry("rec-1", 1, "h", "allowed")), AuditChain.GENESIS);
        AuditDigest refused = AuditDigest.of(TODAY, List.of(new AuditEntry("rec-1", 1, "h", "not-permitted")), AuditChain.GENESIS);

        assertThat(refused.eventsHash()).isNotEqualTo(allowed.eventsHash());
        assertThat(refused.heads()).isEqualTo(allowed.heads());
        assertThat(allowed.intact()).isTrue();
    }
}
