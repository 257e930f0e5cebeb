package uk.callretention.local.aws;

import java.security.SecureRandom;
import java.util.Locale;

/** Names for resources the template does not name, shaped as CloudFormation makes them: stack-LogicalId-RANDOMSUFFIX. */
final class PhysicalNames {
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int SUFFIX_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PhysicalNames() {
    }

    static String generate(String stackName, String logicalId, int maxLength) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            suffix.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        String stem = stackName + "-" + logicalId;
        int room = maxLength - SUFFIX_LENGTH - 1;
        return (stem.length() > room ? stem.substring(0, room) : stem) + "-" + suffix;
    }

    /** S3 bucket names allow only lower case. */
    static String generateLowerCase(String stackName, String logicalId, int maxLength) {
        return generate(stackName, logicalId, maxLength).toLowerCase(Locale.ROOT);
    }
}
