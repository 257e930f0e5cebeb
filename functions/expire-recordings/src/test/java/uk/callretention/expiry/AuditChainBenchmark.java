package uk.callretention.expiry;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditVerification;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.aws.S3AuditDigestStore;
import uk.callretention.local.aws.LocalAwsClients;
import uk.callretention.local.aws.MotoServer;
import uk.callretention.local.aws.ProvisionedStack;
import uk.callretention.local.aws.Provisioner;
import uk.callretention.local.template.Template;

/**
 * Times chained audit writes against moto (a program, not a test): one writer on fresh subjects, then 16 writers at
 * once, all on one subject (the worst case for a chain: each must follow the one before) and each on its own.
 * Prints latency percentiles and checks the trail verifies afterwards.
 *
 * <p>{@code mvn -B -ntp -pl functions/expire-recordings exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=uk.callretention.expiry.AuditChainBenchmark}
 */
public final class AuditChainBenchmark {

    private static final int EVENTS = 400;
    private static final int WRITERS = 16;

    private AuditChainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Template template = Template.load(ProjectRoot.find().resolve("template.yaml"));
        try (MotoServer moto = MotoServer.start(0, Path.of("target", "local-aws", "audit-benchmark-moto.log"));
             LocalAwsClients clients = LocalAwsClients.forEndpoint(moto.endpoint())) {
            ProvisionedStack stack = new Provisioner(clients, template, "auditbench", Map.of()).provision();
            try {
                DynamoDbAuditLog audit = new DynamoDbAuditLog(clients.dynamoDb(), stack.tableName("AuditTable"));
                System.out.println("| writers | subjects | events | p50 ms | p90 ms | p99 ms | events/s |");
                System.out.println("|---:|---|---:|---:|---:|---:|---:|");
                System.out.println(run(audit, 1, false));
                System.out.println(run(audit, WRITERS, true));
                System.out.println(run(audit, WRITERS, false));
                AuditVerification.Report report = AuditVerification.verify(audit.storedTrail(),
                        new S3AuditDigestStore(clients.s3(), stack.bucketName("AuditDigestBucket")).all());
                System.out.println("verified: " + report.events() + " events in " + report.chains() + " chains, "
                        + (report.intact() ? "intact" : report.problems()));
            } finally {
                stack.delete();
            }
        }
    }

    private static String run(DynamoDbAuditLog audit, int writers, boolean oneSubject) throws Exception {
        String shared = "rec-" + UUID.randomUUID();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        Instant start = Instant.now();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < EVENTS / writers; i++) {
                    String subject = oneSubject ? shared : "rec-" + UUID.randomUUID();
                    AuditEvent event = new AuditEvent(UUID.randomUUID().toString(), Instant.now(), subject, "v1", AuditAction.PLAYBACK_URL_ISSUED,
                            "staff-1", "rutland", "complaint", "CMP-1", "allowed", Map.of());
                    long began = System.nanoTime();
                    audit.record(event);
                    micros.add((System.nanoTime() - began) / 1000);
                }
            }));
        }
        for (Future<?> writer : done) {
            writer.get();
        }
        pool.shutdown();
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        List<Long> sorted = micros.stream().sorted().toList();
        return String.format("| %d | %s | %d | %.1f | %.1f | %.1f | %.0f |", writers, oneSubject ? "one" : "one each", sorted.size(),
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), sorted.size() / seconds);
    }

    private static double percentile(List<Long> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100)) / 1000.0;
    }
}
