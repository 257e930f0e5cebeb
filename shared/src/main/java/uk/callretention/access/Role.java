package uk.callretention.access;

import java.util.Arrays;
import java.util.Optional;

/** What a member of staff is to a council's recordings, as the last part of their group's name says. */
public enum Role {
    /** Manages one call-centre team: plays back, lists and holds that team's recordings, decides its access requests. */
    MANAGER("manager"),
    /** The council's data protection officer: every team's recordings, holds, erasure, subject access, release. */
    DPO("dpo"),
    /** Works in a team; plays a recording back only with an approved access request, where the council requires one. */
    STAFF("staff");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    /** The name used in group names and the API. */
    public String id() {
        return id;
    }

    public static Optional<Role> fromId(String id) {
        return Arrays.stream(values()).filter(role -> role.id.equals(id)).findFirst();
    }
}
