package uk.callretention.local.aws;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import uk.callretention.local.template.Properties;

/** AWS::SecretsManager::Secret on the local server, with GenerateSecretString done here as Secrets Manager would. */
final class Secrets {
    static final String TYPE = "AWS::SecretsManager::Secret";
    private static final Set<String> HANDLED = Set.of("Name", "Description", "SecretString", "GenerateSecretString");
    private static final Set<String> IGNORED = Set.of("KmsKeyId", "Tags", "ReplicaRegions");
    private static final Set<String> GENERATE_OPTIONS = Set.of("PasswordLength", "ExcludePunctuation");
    private static final List<String> CLASSES = List.of("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789");
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    // Secrets Manager's defaults for GetRandomPassword.
    private static final int DEFAULT_LENGTH = 32;
    private static final int MAX_NAME_LENGTH = 512;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    static Created create(SecretsManagerClient secretsManager, Properties properties, String stackName) {
        properties.allow(HANDLED, IGNORED, Secrets.class);
        String name = properties.string("Name").orElseGet(() -> PhysicalNames.generate(stackName, properties.logicalId(), MAX_NAME_LENGTH));
        String value = properties.string("SecretString").orElseGet(() -> properties.object("GenerateSecretString").map(Secrets::generate)
                .orElseThrow(() -> new IllegalArgumentException(properties.logicalId() + " (" + TYPE + ") needs SecretString or GenerateSecretString")));
        String arn = secretsManager.createSecret(b -> b.name(name).description(properties.string("Description").orElse(null)).secretString(value)).arn();
        return new Created(properties.logicalId(), TYPE, arn, Map.of("Id", arn));
    }

    static void delete(SecretsManagerClient secretsManager, String arn) {
        secretsManager.deleteSecret(b -> b.secretId(arn).forceDeleteWithoutRecovery(true));
    }

    /** As Secrets Manager's GetRandomPassword: letters, digits and (unless excluded) punctuation, each class at least once. */
    private static String generate(Properties options) {
        options.allow(GENERATE_OPTIONS, Set.of(), Secrets.class);
        List<String> classes = new ArrayList<>(CLASSES);
        if (!options.flag("ExcludePunctuation").orElse(false)) {
            classes.add(PUNCTUATION);
        }
        int length = options.integer("PasswordLength").orElse(DEFAULT_LENGTH);
        String alphabet = String.join("", classes);
        while (true) {
            StringBuilder password = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
            }
            if (length < classes.size() || classes.stream().allMatch(c -> password.chars().anyMatch(ch -> c.indexOf(ch) >= 0))) {
                return password.toString();
            }
        }
    }
}
