package uk.callretention.local.runtime.auth;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import uk.callretention.local.aws.LocalAwsClients;
import uk.callretention.local.runtime.Json;
import uk.callretention.local.runtime.RuntimeOptions;

/**
 * {@code local/token}: prints an access token of the running local stack's user pool for a member of staff, to send
 * as {@code Authorization: Bearer <token>}. The user is {@code <council>.<team>.<role>} unless {@code --user} names one.
 */
public final class TokenCommand {

    static final String USAGE = """
            usage: local/token --council COUNCIL --role manager|staff|dpo [--team TEAM] [--user NAME] [--stack NAME]
              --council  a council id, e.g. rutland
              --team     the team, e.g. customer-services; a DPO's is every team (*), the default for --role dpo
              --role     manager, staff or dpo
              --user     the username (default <council>.<team>.<role>)
              --stack    the local stack's name (default call-retention-local)
            prints the token; the local stack must be running (local/run), its endpoints in .local/endpoints.json""";

    private TokenCommand() {
    }

    public static void main(String[] args) {
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println("local/token: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        String team = options.getOrDefault("team", options.get("role").equals("dpo") ? StaffMember.EVERY_TEAM : null);
        if (team == null) {
            System.err.println("local/token: --team is needed for a " + options.get("role"));
            System.exit(2);
        }
        StaffMember member = new StaffMember(options.get("council"), team, options.get("role"));
        String user = options.getOrDefault("user", member.username());
        try (LocalAwsClients clients = LocalAwsClients.forEndpoint(localAws())) {
            CognitoIdentityProviderClient cognito = clients.cognito();
            System.out.println(LocalStaffTokens.forStack(cognito, options.getOrDefault("stack", RuntimeOptions.STACK_NAME)).accessToken(user, List.of(member.group())));
        } catch (RuntimeException e) {
            System.err.println("local/token: " + e.getMessage());
            System.exit(1);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!List.of("--council", "--team", "--role", "--user", "--stack").contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown argument or missing value: " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (!options.containsKey("council") || !List.of("manager", "staff", "dpo").contains(options.get("role"))) {
            throw new IllegalArgumentException("give --council and --role manager|staff|dpo");
        }
        return options;
    }

    /** Where local/run wrote that its AWS is, else the default port. */
    private static URI localAws() {
        Path endpoints = Path.of(".local", "endpoints.json");
        try {
            if (Files.isRegularFile(endpoints) && Json.parse(Files.readString(endpoints)) instanceof Map<?, ?> written && written.get("cognito-idp") != null) {
                return URI.create(written.get("cognito-idp").toString());
            }
        } catch (java.io.IOException | IllegalArgumentException unreadable) {
            // fall back to the default below
        }
        return URI.create("http://127.0.0.1:" + System.getenv().getOrDefault("LOCAL_AWS_PORT", String.valueOf(RuntimeOptions.AWS_PORT)));
    }
}
