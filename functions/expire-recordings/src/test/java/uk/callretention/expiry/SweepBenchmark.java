package uk.callretention.expiry;

import static uk.callretention.recording.CatalogueEntryBuilder.forKey;

import com.sun.management.OperatingSystemMXBean;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;
import uk.callretention.aws.CatalogueItem;
import uk.callretention.aws.DynamoDbSweepProgress;
import uk.callretention.aws.RetentionRepositories;
import uk.callretention.local.aws.LocalAwsClients;
import uk.callretention.local.aws.MotoServer;
import uk.callretention.local.aws.ProvisionedStack;
import uk.callretention.local.aws.Provisioner;
import uk.callretention.local.template.Template;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.ExpiryShard;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingTags;
import uk.callretention.retention.Deadline;
import uk.callretention.retention.SweepReport;

/**
 * Not a test: how much the sweep reads and calls as the catalogue grows while what is due stays the same. For each
 * catalogue size it provisions a fresh stack from template.yaml on a local moto server, loads the catalogue with
 * BatchWriteItem (1,000 recordings due over the last three days, in the bucket with their tags; the rest due over the
 * next two years or held, catalogued only, since the sweep never lists the bucket), then times one sweep and counts
 * its calls with an SDK interceptor. Wall time on moto is mostly moto's: it answers ListObjectVersions by walking the
 * whole bucket, so each call costs in proportion to the objects stored, where S3 reads only the key's versions.
 *
 * <p>Each sweep runs as the function's does, on the function's HTTP client (a pool of concurrency + 16 connections)
 * with adaptive retries, at each concurrency of {@code -Dconcurrency=1,8,32} (default: the template's), and with
 * AWS-like latency added to every attempt by an interceptor (20 ms per S3 call, 8 ms per DynamoDB call) unless
 * {@code -Dlatency=false}; moto's own time comes on top. It also reports the benchmark process's CPU time per
 * deletion (moto runs in its own process): what the SDK costs the function, whatever the latency.
 *
 * <p>Run: {@code mvn -B -o -pl functions/expire-recordings exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=uk.callretention.expiry.SweepBenchmark [-Dexec.args="10000 100000"] [-Dconcurrency=1,8,32]}
 */
public final class SweepBenchmark {

    private static final int DUE = 1000;
    private static final int LOADERS = 4;

    private SweepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = args.length == 0 ? List.of(10_000, 100_000) : List.of(args).stream().map(Integer::parseInt).toList();
        Path project = ProjectRoot.find();
        Template template = Template.load(project.resolve("template.yaml"));
        String concurrencies = System.getProperty("concurrency", "");
        boolean latency = Boolean.parseBoolean(System.getProperty("latency", "true"));
        try (MotoServer moto = MotoServer.start(0, Path.of("target", "local-aws", "benchmark-moto.log"));
             LocalAwsClients clients = LocalAwsClients.forEndpoint(moto.endpoint())) {
            List<String> rows = new ArrayList<>();
            for (int size : sizes) {
                for (String concurrency : concurrencies.isBlank() ? List.of("") : List.of(concurrencies.split(","))) {
                    ProvisionedStack stack = new Provisioner(clients, template, "bench" + size + "c" + concurrency.strip(), Map.of()).provision();
                    try {
                        rows.add(run(clients, template, stack, size, concurrency.strip(), latency));
                    } finally {
                        stack.delete();
                    }
                }
            }
            System.out.println();
            System.out.printf("%d processors, Java %s, latency added: %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    latency ? "20 ms per S3 call, 8 ms per DynamoDB call" : "none");
            System.out.println("| catalogued | due | concurrency | items read | read/due | DeleteObjects | AWS calls by operation | sweep wall time"
                    + " | deletions per minute | client CPU per deletion | load time |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
            rows.forEach(System.out::println);
        }
    }

    private static String run(LocalAwsClients clients, Template template, ProvisionedStack stack, int size, String concurrencyGiven, boolean latency)
            throws Exception {
        LocalDate today = LocalDate.now(RetentionSchedule.UK);
        Map<String, String> environment = new HashMap<>(stack.environmentOf(template.functions().get(Recordings.FUNCTION)));
        if (!concurrencyGiven.isEmpty()) {
            environment.put("SWEEP_CONCURRENCY", concurrencyGiven);
        }
        int concurrency = ExpireRecordingsFactory.concurrency(environment);
        Instant loadStart = Instant.now();
        load(clients, environment, size, today);
        Duration loadTime = Duration.between(loadStart, Instant.now());
        System.err.printf("loaded %,d catalogued recordings in %d s%n", size, loadTime.toSeconds());
        DynamoDbSweepProgress progress = new DynamoDbSweepProgress(clients.dynamoDb(), environment.get("SWEEP_STATE_TABLE"));
        progress.claim("benchmark-set-up", Instant.now(), Instant.now().plusSeconds(60));
        progress.release("benchmark-set-up", today.minusDays(2), true);

        CallCounter counter = new CallCounter(environment.get("CATALOGUE_TABLE"));
        ExecutionInterceptor addedLatency = latency ? new AwsLatency() : new ExecutionInterceptor() { };
        try (SdkHttpClient http = Apache5HttpClient.builder().maxConnections(concurrency + ExpiryShard.SHARDS).build();
             S3Client s3 = S3Client.builder().endpointOverride(clients.endpoint()).region(LocalAwsClients.REGION)
                     .credentialsProvider(LocalAwsClients.credentials()).httpClient(http).forcePathStyle(true)
                     .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                     .overrideConfiguration(o -> o.addExecutionInterceptor(counter).addExecutionInterceptor(addedLatency)
                             .retryStrategy(RetryMode.ADAPTIVE_V2)).build();
             DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(clients.endpoint()).region(LocalAwsClients.REGION)
                     .credentialsProvider(LocalAwsClients.credentials()).httpClient(http)
                     .overrideConfiguration(o -> o.addExecutionInterceptor(counter).addExecutionInterceptor(addedLatency)
                             .retryStrategy(RetryMode.ADAPTIVE_V2)).build()) {
            LogLine quiet = new LogLine(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8), Clock.systemUTC());
            RetentionRepositories repositories = RetentionRepositories.fromEnvironment(s3, dynamoDb, environment);
            var sweep = repositories.sweep(new DynamoDbSweepProgress(dynamoDb, environment.get("SWEEP_STATE_TABLE")),
                    PolicyBook.bundled(environment), quiet, Clock.systemUTC(), concurrency);

            OperatingSystemMXBean process = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = process.getProcessCpuTime();
            Instant start = Instant.now();
            SweepReport report = sweep.run(today, false, Deadline.NONE);
            Duration wall = Duration.between(start, Instant.now());
            long cpuNanos = process.getProcessCpuTime() - cpuStart;

            System.err.printf("swept %,d catalogued: %s; time in each operation (ms): %s%n", size, report, counter.millisByOperation());
            if (report.deleted() != DUE) {
                throw new IllegalStateException("the sweep deleted " + report.deleted() + ", not " + DUE + ": " + report);
            }
            long deleteObjects = counter.count("S3.DeleteObjects");
            return String.format("| %,d | %,d | %d | %,d | %.3f | %d | %s | %.1f s | %,.0f | %.1f ms | %.0f s |", size, DUE, concurrency,
                    counter.catalogueItemsRead.sum(), counter.catalogueItemsRead.sum() / (double) DUE, deleteObjects, counter.byOperation(),
                    wall.toMillis() / 1000.0, DUE * 60_000.0 / wall.toMillis(), cpuNanos / 1e6 / DUE, loadTime.toMillis() / 1000.0);
        }
    }

    /** The catalogue: DUE recordings due in the last three days (with objects), the rest due later or held. */
    private static void load(LocalAwsClients clients, Map<String, String> environment, int size, LocalDate today) throws Exception {
        String table = environment.get("CATALOGUE_TABLE");
        String bucket = environment.get("RECORDINGS_BUCKET");
        ExecutorService loaders = Executors.newFixedThreadPool(LOADERS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int start = 0; start < size; start += 25) {
                int from = start;
                work.add(loaders.submit(() -> {
                    List<WriteRequest> puts = new ArrayList<>();
                    for (int i = from; i < Math.min(size, from + 25); i++) {
                        CatalogueEntry entry = entry(i, today);
                        if (i < DUE) {
                            upload(clients.s3(), bucket, entry);
                        }
                        puts.add(WriteRequest.builder().putRequest(PutRequest.builder()
                                .item(CatalogueItem.SCHEMA.itemToMap(CatalogueItem.from(entry), true)).build()).build());
                    }
                    Map<String, List<WriteRequest>> pending = Map.of(table, puts);
                    while (!pending.isEmpty()) {
                        Map<String, List<WriteRequest>> request = pending;
                        pending = clients.dynamoDb().batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            loaders.shutdown();
        }
    }

    private static CatalogueEntry entry(int i, LocalDate today) {
        String key = "rutland/customer-services/phone/2025/01/01/bench-" + i + ".wav";
        boolean due = i < DUE;
        boolean held = !due && i % 10 == 0;
        LocalDate expiresOn = due ? today.minusDays(i % 3) : held ? today.minusDays(1 + i % 300) : today.plusDays(1 + i % 730);
        return forKey(key).versionId("v-" + i).ordering("t" + i).state(held ? RecordingState.HELD : RecordingState.ACTIVE)
                .council("rutland").team("customer-services").channel("phone").recordedAt(Instant.parse("2025-01-01T10:00:00Z"))
                .recordedOn(LocalDate.of(2025, 1, 1)).retentionClass("P3M").expiresOn(expiresOn).policyRef("rutland@1")
                .callerHash("caller-" + i).agent("agent-" + (i % 40)).direction("inbound").contentType("audio/wav").sizeBytes(12)
                .cataloguedAt(Instant.parse("2025-01-01T10:05:00Z")).build();
    }

    private static void upload(S3Client s3, String bucket, CatalogueEntry entry) {
        String versionId = s3.putObject(b -> b.bucket(bucket).key(entry.objectKey()), RequestBody.fromString("RIFF....WAVE")).versionId();
        s3.putObjectTagging(b -> b.bucket(bucket).key(entry.objectKey()).versionId(versionId).tagging(t -> t.tagSet(
                RecordingTags.of(entry).entrySet().stream()
                        .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                        .toList())));
    }

    /** AWS's usual latency from a Lambda function in the same region, added to every attempt. */
    private static final class AwsLatency implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            try {
                Thread.sleep("S3".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)) ? 20 : 8);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Counts every SDK call by service and operation, and the catalogue items the sweep's queries return. */
    private static final class CallCounter implements ExecutionInterceptor {
        private final String catalogueTable;
        private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
        final LongAdder catalogueItemsRead = new LongAdder();

        CallCounter(String catalogueTable) {
            this.catalogueTable = catalogueTable;
        }

        private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("started");
        private final Map<String, LongAdder> millis = new ConcurrentHashMap<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            attributes.putAttribute(STARTED, System.nanoTime());
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            count(attributes);
            millis.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new LongAdder())
                    .add((System.nanoTime() - attributes.getAttribute(STARTED)) / 1_000_000);
            if (context.response() instanceof QueryResponse query && context.request() instanceof QueryRequest request
                    && catalogueTable.equals(request.tableName())) {
                catalogueItemsRead.add(query.count());
            }
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            count(attributes);
        }

        private void count(ExecutionAttributes attributes) {
            calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new LongAdder()).increment();
        }

        long count(String operation) {
            LongAdder adder = calls.get(operation);
            return adder == null ? 0 : adder.sum();
        }

        String millisByOperation() {
            return new TreeMap<>(millis).toString();
        }

        String byOperation() {
            Map<String, Long> sorted = new TreeMap<>();
            calls.forEach((operation, adder) -> sorted.put(operation, adder.sum()));
            return sorted.toString().replace("{", "").replace("}", "");
        }
    }
}
