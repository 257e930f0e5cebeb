package uk.callretention.recording;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** How a recording reached the contact centre, with the file types the upload contract accepts for it. */
public enum Channel {
    PHONE("phone", Set.of("wav", "mp3")),
    WEBCHAT("webchat", Set.of("json"));

    private final String id;
    private final Set<String> extensions;

    Channel(String id, Set<String> extensions) {
        this.id = id;
        this.extensions = extensions;
    }

    /** The lower-case name used in keys, tags and policy files. */
    public String id() {
        return id;
    }

    public boolean accepts(String extension) {
        return extensions.contains(extension);
    }

    public static Optional<Channel> fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
