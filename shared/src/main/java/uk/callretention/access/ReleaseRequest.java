package uk.callretention.access;

import java.util.Arrays;
import java.util.Optional;

/** A release of a recording as a file to an outside body, with the body's reference (a crime or case number). */
public record ReleaseRequest(Recipient recipient, String reference, Optional<String> note) {

    /** Who the councils' notices say recordings are shared with. */
    public enum Recipient {
        POLICE("police"),
        CARE_SERVICES("care-services");

        private final String id;

        Recipient(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static Optional<Recipient> fromId(String id) {
            return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
        }
    }

    public static Outcome<ReleaseRequest> from(JsonBody body) {
        return body.fields().then(fields -> {
            Optional<String> recipientId = fields.requiredText("recipient", 32);
            Optional<String> reference = fields.requiredText("reference", PlaybackRequest.MAX_REFERENCE);
            Optional<String> note = fields.text("note", PlaybackRequest.MAX_NOTE);
            Optional<Recipient> recipient = recipientId.flatMap(Recipient::fromId);
            if (recipientId.isPresent() && recipient.isEmpty()) {
                fields.reject("Choose police or care-services as the recipient.");
            }
            return fields.problem().<Outcome<ReleaseRequest>>map(Outcome::refused)
                    .orElseGet(() -> Outcome.done(new ReleaseRequest(recipient.orElseThrow(), reference.orElseThrow(), note)));
        });
    }
}
