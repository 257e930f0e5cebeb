package uk.callretention.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    static final AuditEvent EVENT = new AuditEvent("e-1", Instant.parse("2026-11-25T10:15:00Z"), "rec-1", "v1", AuditAction.PLAYBACK_URL_ISSUED,
            "staff-1", "rutland", "complaint", "CMP-1", "pending", Map.of("team", "customer-services"));

    static Stream<Arguments> everyFieldButOutcome() {
        return Stream.of(
                Arguments.of("eventId", (UnaryOperator<AuditEvent>) e -> with(e, "e-2", e.at(), e.subject(), e.versionId(), e.action(), e.actor(), e.council(), e.purpose(), e.reference(), e.details())),
                Arguments.of("at", (UnaryOperator<AuditEvent>) e -> with(e, e.eventId(), e.at().plusNanos(1), e.subject(), e.versionId(), e.action(), e.actor(), e.council(), e.purpose(), e.reference(), e.details())),
                Arguments.of("subject", (UnaryOperator<AuditEvent>) e -> with(e, e.eventId(), e.at(), "rec-2", e.versionId(), e.action(), e.actor(), e.council(), e.purpose(), e.reference(), e.details())),
                Arguments.of("versionId", (UnaryOperator<AuditEvent>) e -> with(e, e.eventId(), e.at(), e.subject(), null, e.action(), e.actor(), e.council(), e.purpose(), e.reference(), e.details())),
                Arguments.of("action", (UnaryOperator<AuditEvent>) e -> with(e, e.eventId(), e.at(), e.subject(), e.versionId(), AuditAction.RELEASE_URL_ISSUED, e.actor(), e.council(), e.purpose(), e.reference(), e.details())),
                Arguments.of("actor", (UnaryOperator<AuditEvent>) e -> with(e, e.eventId(), e.at(), e.subject(), e.versionId(), e.action(), "staff-2", e.council(), e.purpose(), e.reference(), e.details())),
                Arguments.of("council", (UnaryOperator<AuditEvent>) e -> with(e, e.eventId(), e.at(), e.subject(), e.versionId(), e.action(), e.actor(), "rotherham", e.purpose(), e.reference(), e.details())),
                Arguments.of("purpose", (UnaryOperator<AuditEvent>) e -> with(e, e.eventId(), e.at(), e.subject(), e.versionId(), e.action(), e.actor(), e.council(), "training", e.reference(), e.details())),
                Arguments.of("reference", (UnaryOperator<AuditEvent>) e -> with(e, e.eventId(), e.at(), e.subject(), e.versionId(), e.action(), e.actor(), e.council(), e.purpose(), "", e.details())),
                Arguments.of("details", (UnaryOperator<AuditEvent>) e -> with(e, e.eventId(), e.at(), e.subject(), e.versionId(), e.action(), e.actor(), e.council(), e.purpose(), e.reference(), Map.of("team", "housing-services"))),
                // Fields run together must not hash alike: "complaint" + "CMP-1" against "complaintC" + "MP-1".
                Arguments.of("field boundary", (UnaryOperator<AuditEvent>) e -> with(e, e.eventId(), e.at(), e.subject(), e.versionId(), e.action(), e.actor(), e.council(), "complaintC", "MP-1", e.details())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFieldButOutcome")
    void link_whenAFieldChanges_hashChanges(String field, UnaryOperator<AuditEvent> change) {
        ChainLink link = AuditChain.first(EVENT);

        assertThat(AuditChain.matches(change.apply(EVENT), link)).isFalse();
        assertThat(AuditChain.matches(EVENT, link)).isTrue();
    }

    @Test
    void link_whenOnlyTheOutcomeIsCompleted_stillMatches() {
        ChainLink link = AuditChain.first(EVENT);
        AuditEvent completed = new AuditEvent(EVENT.eventId(), EVENT.at(), EVENT.subject(), EVENT.versionId(), EVENT.action(), EVENT.actor(),
                EVENT.council(), EVENT.purpose(), EVENT.reference(), "allowed", EVENT.details());

        assertThat(AuditChain.matches(completed, link)).isTrue();
    }

    @Test
    void next_coversThePreviousHash() {
        ChainLink first = AuditChain.first(EVENT);
        ChainLink second = first.head().next(EVENT);

        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(AuditChain.matches(EVENT, new ChainLink(2, AuditChain.GENESIS, second.hash()))).isFalse();
    }

    private static AuditEvent with(AuditEvent e, String eventId, Instant at, String subject, String versionId, AuditAction action, String actor,
                                   String council, String purpose, String reference, Map<String, String> details) {
        return new AuditEvent(eventId, at, subject, versionId, action, actor, council, purpose, reference, e.outcome(), details);
    }
}
