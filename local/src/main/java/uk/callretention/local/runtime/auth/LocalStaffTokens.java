package uk.callretention.local.runtime.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * Signed tokens for staff of the local stack, issued by its own Cognito user pool (moto's, which signs RS256 and
 * publishes its key set), exactly as a deployed pool would issue them: the user is created if new, put in the
 * groups, and signed in with a fresh password. For {@code local/token} and tests; never for a deployed pool.
 */
public final class LocalStaffTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CognitoIdentityProviderClient cognito;
    private final String userPoolId;
    private final String clientId;

    public LocalStaffTokens(CognitoIdentityProviderClient cognito, String userPoolId, String clientId) {
        this.cognito = cognito;
        this.userPoolId = userPoolId;
        this.clientId = clientId;
    }

    /** The pool and client the template names {@code <stack>-staff} and {@code <stack>-api}. */
    public static LocalStaffTokens forStack(CognitoIdentityProviderClient cognito, String stackName) {
        String pool = cognito.listUserPoolsPaginator(b -> b.maxResults(60)).userPools().stream()
                .filter(p -> p.name().equals(stackName + "-staff")).map(UserPoolDescriptionType::id).findFirst()
                .orElseThrow(() -> new IllegalStateException("no user pool " + stackName + "-staff: is the local stack running (local/run)?"));
        String client = cognito.listUserPoolClientsPaginator(b -> b.userPoolId(pool).maxResults(60)).userPoolClients().stream()
                .filter(c -> c.clientName().equals(stackName + "-api")).map(UserPoolClientDescription::clientId).findFirst()
                .orElseThrow(() -> new IllegalStateException("user pool " + stackName + "-staff has no client " + stackName + "-api"));
        return new LocalStaffTokens(cognito, pool, client);
    }

    /** An access token for the user, who is made a member of these groups (and stays in any they were in). */
    public String accessToken(String username, Collection<String> groups) {
        return issue(username, groups).accessToken();
    }

    /**
     * As {@link #accessToken}, with how long the token lasts. One at a time: two sign-ins as the same user at once
     * (a double click) would each set a fresh password and one would sign in with a password already replaced.
     */
    public synchronized Issued issue(String username, Collection<String> groups) {
        try {
            cognito.adminCreateUser(b -> b.userPoolId(userPoolId).username(username).messageAction(MessageActionType.SUPPRESS));
        } catch (UsernameExistsException alreadyThere) {
            // the same person asking again
        }
        for (String group : groups) {
            try {
                cognito.createGroup(b -> b.userPoolId(userPoolId).groupName(group));
            } catch (GroupExistsException alreadyThere) {
                // another user's token made it
            }
            cognito.adminAddUserToGroup(b -> b.userPoolId(userPoolId).username(username).groupName(group));
        }
        String password = freshPassword();
        cognito.adminSetUserPassword(b -> b.userPoolId(userPoolId).username(username).password(password).permanent(true));
        AuthenticationResultType result = cognito.adminInitiateAuth(b -> b.userPoolId(userPoolId).clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", username, "PASSWORD", password)))
                .authenticationResult();
        return new Issued(result.accessToken(), result.expiresIn());
    }

    /** @param expiresInSeconds as the pool says, counted from now */
    public record Issued(String accessToken, int expiresInSeconds) {
    }

    /** Meets the template's password policy: upper, lower, digit, symbol, length. */
    private static String freshPassword() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return "Aa1!" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
