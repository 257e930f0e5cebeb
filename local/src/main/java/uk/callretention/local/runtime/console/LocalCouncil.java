package uk.callretention.local.runtime.console;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import uk.callretention.policy.CouncilPolicy;
import uk.callretention.policy.PolicyBook;

/**
 * A council as the local sign-in page offers it: its id, its name, and the ids of the teams its policy covers on any
 * channel. Read from the policies bundled with the functions, so the page offers exactly the councils and teams the
 * API knows.
 */
public record LocalCouncil(String council, String name, List<String> teams) {

    public LocalCouncil {
        teams = List.copyOf(teams);
    }

    /** Ids, names and teams do not depend on deployment settings such as retention periods: the defaults do. */
    public static List<LocalCouncil> bundled() {
        return PolicyBook.bundled(Map.of()).councils().stream().map(LocalCouncil::of).toList();
    }

    static LocalCouncil of(CouncilPolicy policy) {
        TreeSet<String> teams = new TreeSet<>();
        policy.channels().values().forEach(byTeam -> teams.addAll(byTeam.keySet()));
        return new LocalCouncil(policy.id(), policy.name(), List.copyOf(teams));
    }
}
