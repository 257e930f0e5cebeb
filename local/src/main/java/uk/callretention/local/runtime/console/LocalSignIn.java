package uk.callretention.local.runtime.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.callretention.local.runtime.auth.LocalStaffTokens;
import uk.callretention.local.runtime.auth.StaffMember;

/**
 * {@code POST /_local/sign-in}: the local stand-in for the council's sign-in page. Whoever can reach the runtime's
 * loopback port picks a council, team and role and gets a real token from the local user pool, as {@code local/token}
 * gives; there is no password because there is nobody to keep out of a stack that runs on their own machine with
 * made-up data. A manager or member of staff signs in to one team of the council's policy; a DPO to every team.
 */
public final class LocalSignIn {
    public static final String PATH = "/_local/sign-in";
    private static final List<String> ROLES = List.of("manager", "staff", "dpo");

    private final List<LocalCouncil> councils;
    private final Optional<LocalStaffTokens> tokens;

    /** @param tokens empty when the template makes no user pool (it names an existing OIDC issuer instead) */
    public LocalSignIn(List<LocalCouncil> councils, Optional<LocalStaffTokens> tokens) {
        this.councils = councils;
        this.tokens = tokens;
    }

    /**
     * @param body the parsed JSON body
     * @return {@code accessToken}, {@code expiresIn} (seconds) and {@code username}
     * @throws IllegalArgumentException saying what is wrong with the body, in words for the person who sent it
     * @throws IllegalStateException    when this stack has no user pool to sign in to
     */
    public Map<String, Object> signIn(Object body) {
        StaffMember member = member(body);
        LocalStaffTokens pool = tokens.orElseThrow(() -> new IllegalStateException(
                "this stack has no user pool to sign in to: the template names an existing OIDC issuer (ExistingOidcIssuer)"));
        LocalStaffTokens.Issued issued = pool.issue(member.username(), List.of(member.group()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accessToken", issued.accessToken());
        answer.put("expiresIn", issued.expiresInSeconds());
        answer.put("username", member.username());
        return answer;
    }

    /** Who the body asks to sign in as; a DPO's team, if sent, is ignored: a DPO's scope is every team. */
    StaffMember member(Object body) {
        if (!(body instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException("send a JSON object: {\"council\": \"rutland\", \"team\": \"customer-services\", \"role\": \"manager\"}");
        }
        Object role = fields.get("role");
        if (!(role instanceof String chosenRole) || !ROLES.contains(chosenRole)) {
            throw new IllegalArgumentException("role must be one of " + String.join(", ", ROLES));
        }
        Object councilId = fields.get("council");
        LocalCouncil council = councils.stream().filter(known -> known.council().equals(councilId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("council must be one of " + String.join(", ", councils.stream().map(LocalCouncil::council).toList())));
        if (chosenRole.equals("dpo")) {
            return new StaffMember(council.council(), StaffMember.EVERY_TEAM, chosenRole);
        }
        Object team = fields.get("team");
        if (team == null || "".equals(team)) {
            throw new IllegalArgumentException((chosenRole.equals("staff") ? "a member of staff" : "a manager") + " signs in to a team: choose one of " + council.name() + "'s: " + String.join(", ", council.teams()));
        }
        if (!council.teams().contains(team)) {
            throw new IllegalArgumentException("team must be one of " + council.name() + "'s: " + String.join(", ", council.teams()));
        }
        return new StaffMember(council.council(), (String) team, chosenRole);
    }
}
