package uk.callretention.access;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One group a member of staff belongs to, named {@code <council>:<team>:<role>}: {@code rutland:customer-services:manager},
 * {@code rutland:*:dpo}. A DPO's team is {@code *}, every team of the council; other roles name one team.
 */
public record Membership(String council, String team, Role role) {

    public static final String EVERY_TEAM = "*";

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    /** The membership a group name stands for, or empty for a group of some other scheme, which grants nothing. */
    public static Optional<Membership> parse(String group) {
        String[] parts = group.split(":", -1);
        if (parts.length != 3 || !ID.matcher(parts[0]).matches()) {
            return Optional.empty();
        }
        return Role.fromId(parts[2])
                .filter(role -> role == Role.DPO ? parts[1].equals(EVERY_TEAM) : ID.matcher(parts[1]).matches())
                .map(role -> new Membership(parts[0], parts[1], role));
    }
}
