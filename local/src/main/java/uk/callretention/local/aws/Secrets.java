package uk.callretention.local.aws;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** AWS::SecretsManager::Secret on the local server, with GenerateSecretString done here as Secrets Manager would. */
final class Secrets {
    static final String TYPE = "AWS::SecretsManager::Secret";
    private static final Set<String> HANDLED = Set.of("Name", "Description", "SecretString", "GenerateSecretString");
    private static final Set<String> IGNORED = Set.of("KmsKeyId", "Tags", "ReplicaRegions");
    private static final Set<String> GENERATE_OPTIONS = Set.of("PasswordLength", "ExcludeCharacters", "ExcludeLowercase", "ExcludeNumbers",
            "ExcludePunctuation", "ExcludeUppercase", "IncludeSpace", "RequireEachIncludedType", "SecretStringTemplate", "GenerateStringKey");
    private static final String LOWERCASE = "abcdefghijklmnopqrstuvwxyz";
    private static final String UPPERCASE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String NUMBERS = "0123456789";
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    // Secrets Manager's defaults for GetRandomPassword.
    private static final int DEFAULT_LENGTH = 32;
    private static final int MAX_NAME_LENGTH = 512;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    static Created create(SecretsManagerClient secretsManager, ResourceProperties properties, String stackName) {
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

    private static String generate(ResourceProperties options) {
        options.allow(GENERATE_OPTIONS, Set.of(), Secrets.class);
        String excluded = options.string("ExcludeCharacters").orElse("");
        List<String> classes = new ArrayList<>();
        addUnlessExcluded(classes, LOWERCASE, options.flag("ExcludeLowercase").orElse(false), excluded);
        addUnlessExcluded(classes, UPPERCASE, options.flag("ExcludeUppercase").orElse(false), excluded);
        addUnlessExcluded(classes, NUMBERS, options.flag("ExcludeNumbers").orElse(false), excluded);
        addUnlessExcluded(classes, PUNCTUATION, options.flag("ExcludePunctuation").orElse(false), excluded);
        addUnlessExcluded(classes, " ", !options.flag("IncludeSpace").orElse(false), excluded);
        String password = password(options.integer("PasswordLength").orElse(DEFAULT_LENGTH), classes, options.flag("RequireEachIncludedType").orElse(true));
        return options.string("GenerateStringKey").map(key -> withKey(options.requiredString("SecretStringTemplate"), key, password)).orElse(password);
    }

    private static void addUnlessExcluded(List<String> classes, String characters, boolean excludeClass, String excludedCharacters) {
        if (!excludeClass) {
            String kept = characters.chars().filter(c -> excludedCharacters.indexOf(c) < 0)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            if (!kept.isEmpty()) {
                classes.add(kept);
            }
        }
    }

    /** Drawn again until every class appears, as Secrets Manager does with RequireEachIncludedType. */
    private static String password(int length, List<String> classes, boolean requireEach) {
        String alphabet = String.join("", classes);
        boolean mustContainEach = requireEach && length >= classes.size();
        while (true) {
            StringBuilder password = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
            }
            if (!mustContainEach || classes.stream().allMatch(c -> password.chars().anyMatch(ch -> c.indexOf(ch) >= 0))) {
                return password.toString();
            }
        }
    }

    private static String withKey(String template, String key, String password) {
        try {
            Map<String, Object> secret = new LinkedHashMap<>(JSON.std.mapFrom(template));
            secret.put(key, password);
            return JSON.std.asString(secret);
        } catch (IOException e) {
            throw new UncheckedIOException("SecretStringTemplate is not a JSON object: " + e.getMessage(), e);
        }
    }
}
