package uk.callretention.access;

import java.util.Optional;

/**
 * Why someone wants to play a recording: a purpose id from the council's list, and optionally the case reference
 * (complaint or claim number) and a note.
 */
public record PlaybackRequest(String purpose, Optional<String> reference, Optional<String> note) {

    static final int MAX_PURPOSE = 64;
    static final int MAX_REFERENCE = 200;
    static final int MAX_NOTE = 1000;

    public static Outcome<PlaybackRequest> from(JsonBody body) {
        return body.fields().then(fields -> {
            Optional<String> purpose = fields.requiredText("purpose", MAX_PURPOSE);
            Optional<String> reference = fields.text("reference", MAX_REFERENCE);
            Optional<String> note = fields.text("note", MAX_NOTE);
            return fields.problem().<Outcome<PlaybackRequest>>map(Outcome::refused)
                    .orElseGet(() -> Outcome.done(new PlaybackRequest(purpose.orElseThrow(), reference, note)));
        });
    }
}
