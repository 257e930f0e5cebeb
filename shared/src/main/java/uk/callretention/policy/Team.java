package uk.callretention.policy;

import java.time.LocalDate;
import java.util.Objects;

/** A call-centre team whose calls or chats on one channel are recorded, from the day recording began (UK date). */
public record Team(String id, String name, LocalDate recordingBegan) {
    public Team {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(recordingBegan, "recordingBegan");
    }
}
