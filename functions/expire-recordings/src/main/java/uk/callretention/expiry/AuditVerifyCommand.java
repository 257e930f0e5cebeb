package uk.callretention.expiry;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import uk.callretention.audit.AuditVerification;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.aws.S3AuditDigestStore;

/**
 * {@code verify-audit}: checks the whole audit trail against its chains and its daily digests, and prints every
 * problem found (by subject, sequence number or day; never personal data). Exit status 0: intact; 1: problems;
 * 2: could not run. It reads every item (a scan), so it runs with an auditor's credentials, never a function's.
 *
 * <pre>
 * verify-audit --endpoints .local/endpoints.json              the running local stack (local/verify-audit)
 * verify-audit --audit-table NAME --digest-bucket NAME        a deployed stack: AWS_REGION and the usual credentials
 * </pre>
 */
public final class AuditVerifyCommand {

    private AuditVerifyCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.size() && args.get(i).startsWith("--"); i += 2) {
            options.put(args.get(i), args.get(i + 1));
        }
        Map<String, String> settings = new HashMap<>(environment);
        String table = options.get("--audit-table");
        String bucket = options.get("--digest-bucket");
        try {
            if (options.containsKey("--endpoints")) {
                Map<String, Object> endpoints = JSON.std.mapFrom(Files.readString(Path.of(options.get("--endpoints"))));
                settings.put("AWS_REGION", (String) endpoints.get("region"));
                settings.put("AWS_ENDPOINT_URL", (String) endpoints.get("dynamodb"));
                settings.putIfAbsent("AWS_ACCESS_KEY_ID", "test");
                settings.putIfAbsent("AWS_SECRET_ACCESS_KEY", "test");
                table = (String) ((Map<?, ?>) endpoints.get("tables")).get("AuditTable");
                bucket = (String) ((Map<?, ?>) endpoints.get("buckets")).get("AuditDigestBucket");
            }
        } catch (IOException | RuntimeException e) {
            err.println("verify-audit: could not read " + options.get("--endpoints") + ": " + e.getMessage());
            return 2;
        }
        if (table == null || bucket == null || !settings.containsKey("AWS_REGION")) {
            err.println("usage: verify-audit --endpoints .local/endpoints.json");
            err.println("   or: AWS_REGION=eu-west-2 verify-audit --audit-table NAME --digest-bucket NAME");
            return 2;
        }
        AwsClients clients = AwsClients.fromEnvironment(settings);
        DynamoDbAuditLog trail = new DynamoDbAuditLog(clients.dynamoDb(), table);
        S3AuditDigestStore digests = new S3AuditDigestStore(clients.s3(), bucket);
        AuditVerification.Report report;
        try {
            report = AuditVerification.verify(trail.storedTrail(), digests.all());
        } catch (SdkException e) {
            err.println("verify-audit: could not read " + table + " or " + bucket + ": " + e.getMessage());
            return 2;
        }
        report.problems().forEach(out::println);
        out.println("audit trail: " + report.events() + " events in " + report.chains() + " chains, " + report.digests()
                + " daily digests: " + (report.intact() ? "intact" : report.problems().size() + (report.problems().size() == 1 ? " problem" : " problems")));
        return report.intact() ? 0 : 1;
    }
}
