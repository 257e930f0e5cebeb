package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditLog;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/** Completing a pending audit event in the real table: once, the outcome alone, never creating an event. */
@ExtendWith(LocalAwsExtension.class)
class AuditLogIntegrationTest {

    static LocalAws aws;
    static AuditLog trail;

    @BeforeAll
    static void table() {
        trail = new DynamoDbAuditLog(aws.clients().dynamoDb(), aws.stack().tableName("AuditTable"));
    }

    @Test
    void complete_whenPending_setsTheFinalOutcomeAndNothingElse() {
        AuditEvent pending = pending();
        trail.record(pending);

        trail.complete(pending, "recording-deleted");

        assertThat(trail.trailOf(pending.subject())).containsExactly(pending.completed("recording-deleted"));
    }

    @Test
    void complete_whenAlreadyFinal_isRefusedAndKeepsTheFirstOutcome() {
        AuditEvent pending = pending();
        trail.record(pending);
        trail.complete(pending, "allowed");

        assertThatThrownBy(() -> trail.complete(pending, "failed")).isInstanceOf(IllegalStateException.class);

        assertThat(trail.trailOf(pending.subject())).extracting(AuditEvent::outcome).containsExactly("allowed");
    }

    @Test
    void complete_whenTheEventWasNeverWritten_writesNothing() {
        AuditEvent neverWritten = pending();

        assertThatThrownBy(() -> trail.complete(neverWritten, "allowed")).isInstanceOf(IllegalStateException.class);

        assertThat(trail.trailOf(neverWritten.subject())).isEmpty();
    }

    private static AuditEvent pending() {
        return new AuditEvent(UUID.randomUUID().toString(), Instant.now(), "rec-" + UUID.randomUUID().toString().replace("-", ""), "v1",
                AuditAction.HOLD_PLACED, "dpo-" + UUID.randomUUID(), "rutland", null, "CMP-1", AuditEvent.PENDING, Map.of("holdId", "hold-1"));
    }
}
