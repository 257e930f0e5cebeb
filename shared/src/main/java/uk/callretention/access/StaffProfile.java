package uk.callretention.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditLog;
import uk.callretention.policy.CouncilPolicy;
import uk.callretention.policy.HoldReason;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.Purpose;
import uk.callretention.policy.Team;

/**
 * What the signed-in member of staff may do, council by council, for the console to show them only what they may use.
 * It comes from their token's groups read against the councils' policies, exactly as every other request reads them:
 * a group naming a council there is no policy for, or a team the council's policy does not cover, grants nothing and
 * is left out. Someone whose groups grant nothing gets no councils, not a refusal: the console tells them whom to ask.
 */
public final class StaffProfile {

    private final PolicyBook policies;
    private final AccessAudit audit;
    private final Clock clock;

    public StaffProfile(PolicyBook policies, AuditLog log, Clock clock) {
        this.policies = policies;
        this.audit = new AccessAudit(log);
        this.clock = clock;
    }

    /** The person, and each council they have a role in, in order of council id. */
    public record Profile(String username, List<CouncilRoles> councils) {
    }

    /**
     * One council's part of a profile: the teams they have a role in (the DPO: every team), and the council's choices the
     * console offers (purposes, hold reasons) and explains (the hourly link limit, how long a link works).
     */
    public record CouncilRoles(String council, String name, boolean dpo, List<TeamRole> teams, List<Purpose> purposes,
                               List<HoldReason> holdReasons, boolean accessRequestsRequired, int maxUrlsPerUserPerHour,
                               Duration urlLifetime, Period maxHoldReviewInterval) {
    }

    public record TeamRole(String team, String name, Role role) {
    }

    public Outcome<Profile> of(StaffMember who) {
        AccessAudit.Event event = audit.about("profile:" + who.subject(), null, who, AuditAction.PROFILE_READ, clock.instant());
        return event.settle(() -> {
            event.allowed();
            List<CouncilRoles> councils = who.councils().stream().sorted()
                    .map(council -> policies.council(council).flatMap(policy -> roles(who, policy)))
                    .flatMap(Optional::stream)
                    .toList();
            return Outcome.done(new Profile(who.name(), councils));
        });
    }

    private static Optional<CouncilRoles> roles(StaffMember who, CouncilPolicy policy) {
        boolean dpo = who.isDpoOf(policy.id());
        List<TeamRole> teams = new ArrayList<>();
        for (Team team : teams(policy).values()) {
            roleIn(who, policy.id(), team.id(), dpo).ifPresent(role -> teams.add(new TeamRole(team.id(), team.name(), role)));
        }
        if (teams.isEmpty()) {
            return Optional.empty();
        }
        teams.sort(Comparator.comparing(TeamRole::name));
        return Optional.of(new CouncilRoles(policy.id(), policy.name(), dpo, List.copyOf(teams), List.copyOf(policy.purposes()),
                List.copyOf(policy.holdReasons()), policy.playback().accessRequestsRequired(), policy.playback().maxUrlsPerUserPerHour(),
                policy.playback().urlLifetime(), policy.maxHoldReviewInterval()));
    }

    /** Every team the council's policy covers, on any channel, by id: a team recorded on two channels is one team. */
    private static Map<String, Team> teams(CouncilPolicy policy) {
        Map<String, Team> teams = new TreeMap<>();
        policy.channels().values().forEach(byId -> byId.values().forEach(team -> teams.putIfAbsent(team.id(), team)));
        return teams;
    }

    /** The most a person's groups give them in one team: the DPO's role over a manager's over a member of staff's. */
    private static Optional<Role> roleIn(StaffMember who, String council, String team, boolean dpo) {
        if (dpo) {
            return Optional.of(Role.DPO);
        }
        if (who.managedTeams(council).contains(team)) {
            return Optional.of(Role.MANAGER);
        }
        return who.worksIn(council, team) ? Optional.of(Role.STAFF) : Optional.empty();
    }
}
