package uk.callretention.access;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import uk.callretention.policy.CouncilPolicy;

/**
 * The signed-in person, from their token's claims as the API's JWT authorizer passed them on.
 *
 * @param subject the token's {@code sub}: stable, and what the audit trail names as the actor
 * @param name    a name to show in the trail beside the subject (username or email), the subject when there is none
 */
public record StaffMember(String subject, String name, Set<Membership> memberships) {

    /** Cognito's groups claim; other OIDC providers commonly call theirs {@code groups}. */
    static final String COGNITO_GROUPS = "cognito:groups";
    static final String GROUPS = "groups";

    public StaffMember {
        memberships = Set.copyOf(memberships);
    }

    /** Empty when the claims carry no subject: the API was reached without its authorizer. */
    public static Optional<StaffMember> fromClaims(Map<String, String> claims) {
        String subject = claims.get("sub");
        if (subject == null || subject.isBlank()) {
            return Optional.empty();
        }
        String name = firstOf(claims, "username", "cognito:username", "email").orElse(subject);
        String groups = firstOf(claims, COGNITO_GROUPS, GROUPS).orElse(null);
        Set<Membership> memberships = GroupsClaim.parse(groups).stream()
                .map(Membership::parse)
                .flatMap(Optional::stream)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return Optional.of(new StaffMember(subject, name, memberships));
    }

    /**
     * Team staff may ask for access only in councils that take written access requests; elsewhere the notices give
     * playback to managers and the DPO alone, and team staff stand in scope with no right to play anything.
     */
    public Standing standingOn(String council, String team, CouncilPolicy policy) {
        if (council == null || policy == null) {
            return Standing.NONE;
        }
        if (has(council, Membership.EVERY_TEAM, Role.DPO)) {
            return Standing.DPO;
        }
        if (team == null) {
            return Standing.NONE;
        }
        if (has(council, team, Role.MANAGER)) {
            return Standing.MANAGER;
        }
        if (!has(council, team, Role.STAFF)) {
            return Standing.NONE;
        }
        return policy.playback().accessRequestsRequired() ? Standing.TEAM_STAFF : Standing.TEAM_STAFF_NO_PLAYBACK;
    }

    /** The councils this person has any role in. */
    public Set<String> councils() {
        return memberships.stream().map(Membership::council).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The teams of that council this person manages. */
    public Set<String> managedTeams(String council) {
        return memberships.stream().filter(m -> m.council().equals(council) && m.role() == Role.MANAGER)
                .map(Membership::team).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Whether any of this person's groups names that council and team, whatever the role. */
    public boolean worksIn(String council, String team) {
        return memberships.stream().anyMatch(m -> m.council().equals(council) && m.team().equals(team));
    }

    public boolean isDpoOf(String council) {
        return has(council, Membership.EVERY_TEAM, Role.DPO);
    }

    private boolean has(String council, String team, Role role) {
        return memberships.contains(new Membership(council, team, role));
    }

    private static Optional<String> firstOf(Map<String, String> claims, String... names) {
        for (String name : names) {
            String value = claims.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
