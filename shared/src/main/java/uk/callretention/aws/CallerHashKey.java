package uk.callretention.aws;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import uk.callretention.recording.CallerHash;

/** The caller-hash key lives in Secrets Manager, never in code or configuration files. */
public final class CallerHashKey {

    private CallerHashKey() {
    }

    public static CallerHash load(SecretsManagerClient secrets, String secretArn) {
        String secret = secrets.getSecretValue(b -> b.secretId(secretArn)).secretString();
        return new CallerHash(secret.getBytes(StandardCharsets.UTF_8));
    }
}
