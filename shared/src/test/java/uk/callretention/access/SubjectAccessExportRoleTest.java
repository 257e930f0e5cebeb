package uk.callretention.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;

/** The role an export's access history gives each event: from the standing the trail records, never the person. */
class SubjectAccessExportRoleTest {

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of("sub-1", Map.of("standing", "dpo", "actorName", "dee.pio"), "dpo"),
                Arguments.of("sub-2", Map.of("standing", "manager"), "manager"),
                Arguments.of("sub-3", Map.of("standing", "team_staff"), "staff"),
                Arguments.of("sub-4", Map.of("standing", "team_staff_no_playback"), "staff"),
                Arguments.of("system:expire-recordings", Map.of(), "system"),
                Arguments.of(SubjectAccessExportBuilder.ACTOR, Map.of("exportId", "x"), "system"),
                Arguments.of("sub-5", Map.of("standing", "none"), "unknown"),
                // Events from before the trail recorded a standing.
                Arguments.of("sub-6", Map.of(), "unknown"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("events")
    void roleOf_readsTheStandingOrTheSystemActor(String actor, Map<String, String> details, String role) {
        AuditEvent event = new AuditEvent("e", Instant.EPOCH, "rec-1", null, AuditAction.PLAYBACK_URL_ISSUED, actor, "rutland", "complaint", null,
                "allowed", details);

        assertThat(SubjectAccessExportBuilder.roleOf(event)).isEqualTo(role);
    }
}
