package uk.callretention.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.callretention.recording.RecordingState;

class AccessRulesTest {

    static Stream<Arguments> playback() {
        return Stream.of(
                // standing, state, purpose allowed, approved request -> refusal code, or null when allowed
                Arguments.of(Standing.NONE, RecordingState.ACTIVE, true, false, "not-found"),
                Arguments.of(Standing.NONE, RecordingState.DELETED, false, true, "not-found"),
                Arguments.of(Standing.NONE, null, true, false, "not-found"),
                Arguments.of(Standing.MANAGER, RecordingState.ACTIVE, true, false, null),
                Arguments.of(Standing.MANAGER, RecordingState.HELD, true, false, null),
                Arguments.of(Standing.MANAGER, RecordingState.QUARANTINED, true, false, "recording-quarantined"),
                Arguments.of(Standing.MANAGER, RecordingState.QUARANTINED, false, false, "purpose-not-allowed"),
                Arguments.of(Standing.MANAGER, RecordingState.DELETED, false, false, "recording-deleted"),
                Arguments.of(Standing.MANAGER, RecordingState.ACTIVE, false, false, "purpose-not-allowed"),
                Arguments.of(Standing.DPO, RecordingState.QUARANTINED, true, false, null),
                Arguments.of(Standing.DPO, RecordingState.HELD, true, false, null),
                Arguments.of(Standing.DPO, RecordingState.DELETED, true, false, "recording-deleted"),
                Arguments.of(Standing.DPO, RecordingState.ACTIVE, false, false, "purpose-not-allowed"),
                Arguments.of(Standing.TEAM_STAFF, RecordingState.ACTIVE, true, false, "access-request-required"),
                Arguments.of(Standing.TEAM_STAFF, RecordingState.ACTIVE, true, true, null),
                Arguments.of(Standing.TEAM_STAFF, RecordingState.QUARANTINED, true, true, "recording-quarantined"),
                Arguments.of(Standing.TEAM_STAFF, RecordingState.ACTIVE, false, true, "purpose-not-allowed"),
                Arguments.of(Standing.TEAM_STAFF_NO_PLAYBACK, RecordingState.ACTIVE, true, false, "not-permitted"),
                Arguments.of(Standing.TEAM_STAFF_NO_PLAYBACK, RecordingState.DELETED, false, false, "not-permitted"));
    }

    @ParameterizedTest(name = "{0} {1} purposeAllowed={2} approved={3} -> {4}")
    @MethodSource
    void playback(Standing standing, RecordingState state, boolean purposeAllowed, boolean approved, String refusal) {
        assertThat(AccessRules.playback(standing, state, purposeAllowed, approved).map(Refusal::code)).isEqualTo(Optional.ofNullable(refusal));
    }

    static Stream<Arguments> onExisting() {
        return Stream.of(
                Arguments.of(Standing.NONE, RecordingState.ACTIVE, "not-found"),
                Arguments.of(Standing.TEAM_STAFF, RecordingState.ACTIVE, "not-permitted"),
                Arguments.of(Standing.TEAM_STAFF_NO_PLAYBACK, RecordingState.ACTIVE, "not-permitted"),
                Arguments.of(Standing.MANAGER, RecordingState.ACTIVE, "not-permitted"),
                Arguments.of(Standing.MANAGER, RecordingState.DELETED, "not-permitted"),
                Arguments.of(Standing.DPO, RecordingState.DELETED, "recording-deleted"),
                Arguments.of(Standing.DPO, RecordingState.QUARANTINED, null),
                Arguments.of(Standing.DPO, RecordingState.HELD, null));
    }

    @ParameterizedTest(name = "DPO-only action: {0} {1} -> {2}")
    @MethodSource
    void onExisting(Standing standing, RecordingState state, String refusal) {
        assertThat(AccessRules.onExisting(standing, state, Standing.DPO).map(Refusal::code)).isEqualTo(Optional.ofNullable(refusal));
    }

    static Stream<Arguments> accessRequest() {
        return Stream.of(
                // standing, state, purpose allowed -> refusal code, or null when a request may be filed
                Arguments.of(Standing.NONE, RecordingState.ACTIVE, true, "not-found"),
                Arguments.of(Standing.NONE, null, false, "not-found"),
                Arguments.of(Standing.TEAM_STAFF_NO_PLAYBACK, RecordingState.ACTIVE, true, "not-permitted"),
                Arguments.of(Standing.TEAM_STAFF_NO_PLAYBACK, RecordingState.DELETED, false, "not-permitted"),
                Arguments.of(Standing.TEAM_STAFF, RecordingState.ACTIVE, true, null),
                Arguments.of(Standing.TEAM_STAFF, RecordingState.DELETED, true, "recording-deleted"),
                Arguments.of(Standing.TEAM_STAFF, RecordingState.ACTIVE, false, "purpose-not-allowed"),
                Arguments.of(Standing.MANAGER, RecordingState.ACTIVE, true, "access-request-not-needed"),
                Arguments.of(Standing.DPO, RecordingState.ACTIVE, true, "access-request-not-needed"));
    }

    @ParameterizedTest(name = "access request: {0} {1} purposeAllowed={2} -> {3}")
    @MethodSource
    void accessRequest(Standing standing, RecordingState state, boolean purposeAllowed, String refusal) {
        assertThat(AccessRules.accessRequest(standing, state, purposeAllowed).map(Refusal::code)).isEqualTo(Optional.ofNullable(refusal));
    }

    static Stream<Arguments> trainingCopy() {
        return Stream.of(
                // standing, state, training allowed -> refusal code, or null when a copy may be made
                Arguments.of(Standing.NONE, RecordingState.ACTIVE, true, "not-found"),
                Arguments.of(Standing.NONE, null, false, "not-found"),
                Arguments.of(Standing.TEAM_STAFF, RecordingState.ACTIVE, true, "not-permitted"),
                Arguments.of(Standing.TEAM_STAFF_NO_PLAYBACK, RecordingState.ACTIVE, true, "not-permitted"),
                Arguments.of(Standing.MANAGER, RecordingState.ACTIVE, true, null),
                Arguments.of(Standing.MANAGER, RecordingState.HELD, true, null),
                Arguments.of(Standing.DPO, RecordingState.ACTIVE, true, null),
                Arguments.of(Standing.MANAGER, RecordingState.DELETED, true, "recording-deleted"),
                Arguments.of(Standing.DPO, RecordingState.DELETED, false, "recording-deleted"),
                Arguments.of(Standing.MANAGER, RecordingState.ACTIVE, false, "purpose-not-allowed"),
                Arguments.of(Standing.DPO, RecordingState.QUARANTINED, false, "purpose-not-allowed"),
                Arguments.of(Standing.DPO, RecordingState.QUARANTINED, true, "recording-quarantined"),
                Arguments.of(Standing.MANAGER, RecordingState.QUARANTINED, true, "recording-quarantined"));
    }

    @ParameterizedTest(name = "training copy: {0} {1} trainingAllowed={2} -> {3}")
    @MethodSource
    void trainingCopy(Standing standing, RecordingState state, boolean trainingAllowed, String refusal) {
        assertThat(AccessRules.trainingCopy(standing, state, trainingAllowed).map(Refusal::code)).isEqualTo(Optional.ofNullable(refusal));
    }
}
