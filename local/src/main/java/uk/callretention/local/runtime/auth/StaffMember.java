package uk.callretention.local.runtime.auth;

/**
 * Who a local token is for, as {@code local/token} and the console's local sign-in name them: the group the API
 * reads ({@code <council>:<team>:<role>}, team {@code *} for a DPO of every team) and a username that says the same.
 */
public record StaffMember(String council, String team, String role) {
    public static final String EVERY_TEAM = "*";

    public String group() {
        return council + ":" + team + ":" + role;
    }

    /** {@code rutland.customer-services.manager}, or {@code rutland.all.dpo}: signing in again as the same is the same user. */
    public String username() {
        return council + "." + (team.equals(EVERY_TEAM) ? "all" : team) + "." + role;
    }
}
