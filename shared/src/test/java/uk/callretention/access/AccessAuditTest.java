package uk.callretention.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.InMemoryAuditLog;

/** One request, one audit event, carrying the request's final outcome, whichever way the request ends. */
class AccessAuditTest {

    private static final Instant NOW = Instant.parse("2026-05-01T09:00:00Z");
    private static final StaffMember DPO = StaffMember.fromClaims(Map.of("sub", "dpo-1", "cognito:groups", "[rutland:*:dpo]")).orElseThrow();

    private final InMemoryAuditLog log = new InMemoryAuditLog();
    private final AccessAudit audit = new AccessAudit(log);

    @Test
    void settle_whenRefusedBeforeActing_writesOneFinalEvent() {
        AccessAudit.Event event = event(AuditAction.HOLD_PLACED);

        event.settle(() -> Outcome.refused(Refusal.NOT_PERMITTED));

        assertThat(log.events()).extracting(AuditEvent::action, AuditEvent::outcome).containsExactly(tuple(AuditAction.HOLD_PLACED, "not-permitted"));
    }

    @Test
    void settle_whenDone_completesTheEventWrittenBeforeActing() {
        AccessAudit.Event event = event(AuditAction.HOLD_PLACED);
        AtomicBoolean pendingWhileActing = new AtomicBoolean();

        event.settle(() -> {
            event.detail("holdId", "hold-1").allowed();
            pendingWhileActing.set(log.events().get(0).outcome().equals(AuditEvent.PENDING));
            return Outcome.done("held");
        });

        assertThat(pendingWhileActing).isTrue();
        assertThat(log.events()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("allowed");
            assertThat(e.details()).containsEntry("holdId", "hold-1");
        });
    }

    @Test
    void settle_whenRefusedAfterActing_completesTheSameEventWithTheRefusal() {
        AccessAudit.Event event = event(AuditAction.ERASED);

        event.settle(() -> {
            event.allowed();
            return Outcome.refused(Refusal.ERASURE_INCOMPLETE);
        });

        assertThat(log.events()).extracting(AuditEvent::action, AuditEvent::outcome).containsExactly(tuple(AuditAction.ERASED, "erasure-incomplete"));
    }

    @Test
    void settle_whenActingThrows_completesTheEventAsFailedAndRethrows() {
        AccessAudit.Event event = event(AuditAction.HOLD_PLACED);

        assertThatThrownBy(() -> event.settle(() -> {
            event.allowed();
            throw new IllegalStateException("S3 is down");
        })).hasMessage("S3 is down");

        assertThat(log.events()).extracting(AuditEvent::outcome).containsExactly(AccessAudit.FAILED);
    }

    @Test
    void settle_whenThrowingBeforeAnythingBegun_writesOneFailedEvent() {
        AccessAudit.Event event = event(AuditAction.PLAYBACK_URL_ISSUED);

        assertThatThrownBy(() -> event.settle(() -> {
            throw new IllegalStateException("DynamoDB is down");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(log.events()).extracting(AuditEvent::action, AuditEvent::outcome)
                .as("a link that was never begun does not count against the browsing guard")
                .containsExactly(tuple(AuditAction.PLAYBACK_REFUSED, AccessAudit.FAILED));
    }

    @Test
    void allowed_whenTheTrailCannotBeWritten_theRequestDoesNotAct() {
        log.refuseWrites();
        AccessAudit.Event event = event(AuditAction.PLAYBACK_URL_ISSUED);
        AtomicBoolean acted = new AtomicBoolean();

        assertThatThrownBy(() -> event.settle(() -> {
            event.allowed();
            acted.set(true);
            return Outcome.done("link");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(acted).isFalse();
    }

    private AccessAudit.Event event(AuditAction action) {
        return audit.about("rec-00000000000000000000000000000001", "rutland", DPO, action, NOW);
    }
}
