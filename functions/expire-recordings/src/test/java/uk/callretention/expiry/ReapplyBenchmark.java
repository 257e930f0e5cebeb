package uk.callretention.expiry;

import static uk.callretention.recording.CatalogueEntryBuilder.forKey;

import com.amazonaws.services.lambda.runtime.events.S3BatchEventV2;
import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.aws.S3BatchJobs;
import uk.callretention.aws.S3RetentionStore;
import uk.callretention.local.aws.LocalAwsClients;
import uk.callretention.local.aws.MotoServer;
import uk.callretention.local.aws.ProvisionedStack;
import uk.callretention.local.aws.Provisioner;
import uk.callretention.local.template.Template;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingTags;
import uk.callretention.retention.PolicyReapplication;
import uk.callretention.testsupport.TestLambdaContext;

/**
 * Not a test: re-tag throughput of the per-object handler, one task per invocation as S3 Batch Operations sends them
 * (schema 2.0), with AWS-like latency added to every call attempt against moto (20 ms per S3 call, 8 ms per DynamoDB
 * call, by an SDK interceptor). Recordings are catalogued under Rutland's old policy (P1M, {@code rutland@0}) with their
 * objects and tags in the bucket, so the real run re-tags, reclassifies and audits every one. Three passes over the
 * same recordings: a dry run, the real run, and the real run again (every task {@code unchanged}).
 *
 * <p>Run: {@code mvn -B -o -pl functions/expire-recordings exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=uk.callretention.expiry.ReapplyBenchmark [-Dexec.args="2000"]}
 */
public final class ReapplyBenchmark {

    private static final long S3_MILLIS = 20;
    private static final long DYNAMODB_MILLIS = 8;
    private static final int LOADERS = 4;

    private ReapplyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int recordings = args.length == 0 ? 2000 : Integer.parseInt(args[0]);
        Template template = Template.load(ProjectRoot.find().resolve("template.yaml"));
        try (MotoServer moto = MotoServer.start(0, Path.of("target", "local-aws", "reapply-benchmark-moto.log"));
             LocalAwsClients clients = LocalAwsClients.forEndpoint(moto.endpoint())) {
            ProvisionedStack stack = new Provisioner(clients, template, "reapplybench", Map.of()).provision();
            try {
                Map<String, String> environment = stack.environmentOf(template.functions().get("ReapplyPolicyFunction"));
                List<CatalogueEntry> entries = load(clients, environment, recordings);
                List<String> rows = new ArrayList<>();
                rows.add(pass(clients, environment, entries, "dry run", true));
                rows.add(pass(clients, environment, entries, "real run: re-tag, reclassify, audit", false));
                rows.add(pass(clients, environment, entries, "real run again: unchanged", false));
                System.out.println();
                System.out.printf("Injected latency: %d ms per S3 call, %d ms per DynamoDB call; one task per invocation, invocations one after another.%n",
                        S3_MILLIS, DYNAMODB_MILLIS);
                System.out.println("| pass | tasks | outcomes | S3 calls / task | DynamoDB calls / task | ms / task | tasks/s per invocation stream |");
                System.out.println("|---|---:|---|---:|---:|---:|---:|");
                rows.forEach(System.out::println);
            } finally {
                stack.delete();
            }
        }
    }

    private static String pass(LocalAwsClients clients, Map<String, String> environment, List<CatalogueEntry> entries, String name,
                               boolean dryRun) {
        Latency latency = new Latency();
        try (SdkHttpClient http = UrlConnectionHttpClient.create();
             S3Client s3 = S3Client.builder().endpointOverride(clients.endpoint()).region(LocalAwsClients.REGION)
                     .credentialsProvider(LocalAwsClients.credentials()).httpClient(http).forcePathStyle(true)
                     .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                     .overrideConfiguration(o -> o.addExecutionInterceptor(latency)).build();
             DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(clients.endpoint()).region(LocalAwsClients.REGION)
                     .credentialsProvider(LocalAwsClients.credentials()).httpClient(http)
                     .overrideConfiguration(o -> o.addExecutionInterceptor(latency)).build()) {
            String bucket = environment.get("RECORDINGS_BUCKET");
            PolicyReapplication reapplication = new PolicyReapplication(PolicyBook.bundled(environment),
                    new DynamoDbCatalogue(dynamoDb, environment.get("CATALOGUE_TABLE")), new S3RetentionStore(s3, bucket),
                    new DynamoDbAuditLog(dynamoDb, environment.get("AUDIT_TABLE")), Clock.systemUTC());
            ReapplyPolicyHandler handler = new ReapplyPolicyHandler(new ReapplyPolicyFactory(reapplication, bucket,
                    new LogLine(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8), Clock.systemUTC()), Clock.systemUTC(), null));
            String runId = "reapply-bench-" + Instant.now().toEpochMilli();
            Map<String, Integer> outcomes = new TreeMap<>();
            long start = System.nanoTime();
            for (CatalogueEntry entry : entries) {
                S3BatchEventV2 event = BatchTasks.event(runId, dryRun, bucket, List.of(S3BatchJobs.encodeKey(entry.objectKey())),
                        List.of(entry.versionId()));
                for (S3BatchResponse.Result result : handler.handleRequest(event, TestLambdaContext.of("ReapplyPolicyFunction")).getResults()) {
                    outcomes.merge(result.getResultCode() == S3BatchResponse.ResultCode.Succeeded ? result.getResultString()
                            : result.getResultCode() + ": " + result.getResultString(), 1, Integer::sum);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int tasks = entries.size();
            System.err.printf("%s: %,d tasks in %.1f s: %s; calls %s%n", name, tasks, seconds, outcomes, latency.calls);
            return String.format("| %s | %,d | %s | %.1f | %.1f | %.1f | %.1f |", name, tasks, outcomes.toString().replace("{", "").replace("}", ""),
                    latency.total("S3") / (double) tasks, latency.total("DynamoDb") / (double) tasks, seconds * 1000 / tasks, tasks / seconds);
        }
    }

    /** Recordings under Rutland's old policy, each with its object and tags in the bucket, catalogued as the tagger leaves them. */
    private static List<CatalogueEntry> load(LocalAwsClients clients, Map<String, String> environment, int count) throws Exception {
        S3RetentionStore store = new S3RetentionStore(clients.s3(), environment.get("RECORDINGS_BUCKET"));
        DynamoDbCatalogue catalogue = new DynamoDbCatalogue(clients.dynamoDb(), environment.get("CATALOGUE_TABLE"));
        LocalDate recordedOn = LocalDate.now(RetentionSchedule.UK).minusDays(20);
        ExecutorService loaders = Executors.newFixedThreadPool(LOADERS);
        try {
            List<Future<CatalogueEntry>> work = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                work.add(loaders.submit(() -> {
                    CatalogueEntry entry = uploaded(clients.s3(), environment.get("RECORDINGS_BUCKET"), n, recordedOn);
                    store.replaceTags(entry.objectKey(), entry.versionId(), RecordingTags.of(entry));
                    catalogue.recordUnlessNewer(entry);
                    return entry;
                }));
            }
            List<CatalogueEntry> entries = new ArrayList<>();
            for (Future<CatalogueEntry> done : work) {
                entries.add(done.get());
            }
            return entries;
        } finally {
            loaders.shutdown();
        }
    }

    private static CatalogueEntry uploaded(S3Client s3, String bucket, int i, LocalDate recordedOn) {
        String key = "rutland/customer-services/phone/" + recordedOn.toString().replace('-', '/') + "/bench " + i + ".wav";
        String versionId = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("RIFF....WAVE")).versionId();
        return forKey(key).versionId(versionId).ordering("t" + i).state(RecordingState.ACTIVE).council("rutland")
                .team("customer-services").channel("phone").recordedAt(recordedOn.atTime(10, 0).atZone(RetentionSchedule.UK).toInstant())
                .recordedOn(recordedOn).retentionClass("P1M").expiresOn(recordedOn.plusMonths(1)).policyRef("rutland@0")
                .callerHash("caller-" + i).agent("agent-" + (i % 40)).direction("inbound").contentType("audio/wav").sizeBytes(12)
                .cataloguedAt(Instant.now()).build();
    }

    /** AWS-like latency on every attempt, and a count of calls by service. */
    private static final class Latency implements ExecutionInterceptor {
        final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
            calls.computeIfAbsent(service + "." + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new LongAdder()).increment();
            try {
                Thread.sleep("S3".equals(service) ? S3_MILLIS : DYNAMODB_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        long total(String service) {
            return calls.entrySet().stream().filter(e -> e.getKey().startsWith(service + ".")).mapToLong(e -> e.getValue().sum()).sum();
        }
    }
}
