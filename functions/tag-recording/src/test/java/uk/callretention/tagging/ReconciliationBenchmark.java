package uk.callretention.tagging;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.sync.RequestBody;
import uk.callretention.local.aws.LocalAwsClients;
import uk.callretention.local.aws.MotoServer;
import uk.callretention.local.aws.ProvisionedStack;
import uk.callretention.local.aws.Provisioner;
import uk.callretention.local.template.Template;
import uk.callretention.policy.CouncilPolicy;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.RecordingTagger;
import uk.callretention.recording.Upload;
import uk.callretention.retention.Deadline;
import uk.callretention.retention.Reconciliation;
import uk.callretention.retention.ReconciliationReport;
import uk.callretention.testsupport.Uploads;

/**
 * Not a test: how many LIST calls (ListObjectVersions) reconciliation makes per council per day, and what else it
 * calls, as one council's day grows. For each size it provisions a fresh stack from template.yaml on a local moto
 * server, uploads that many recordings to one prefix of one council's day and tags them as the tagger does (the
 * steady state: nothing to put right), then runs one reconciliation of that day, one check at a time and eight at
 * once, with every call counted, and delayed to AWS's latency, by {@link CallCounter}.
 *
 * <p>Run, after {@code mvn -B -ntp install -DskipTests}: {@code mvn -B -ntp -pl functions/tag-recording exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=uk.callretention.tagging.ReconciliationBenchmark [-Dexec.args="100 1000 2500"]}
 */
public final class ReconciliationBenchmark {

    private static final String COUNCIL = "rutland";
    private static final int UPLOADERS = 4;
    private static final int[] CONCURRENCY = {1, 8};
    /** AWS-like answers: about 20 ms an S3 call, 8 ms a DynamoDB or SQS call, where moto on loopback answers in 1 to 5. */
    private static final CallCounter.Latency AWS_LIKE = new CallCounter.Latency(20, 8);

    private ReconciliationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = args.length == 0 ? List.of(100, 1_000, 2_500) : List.of(args).stream().map(Integer::parseInt).toList();
        Template template = Template.load(projectRoot().resolve("template.yaml"));
        try (MotoServer moto = MotoServer.start(0, Path.of("target", "local-aws", "reconciliation-benchmark-moto.log"));
             LocalAwsClients clients = LocalAwsClients.forEndpoint(moto.endpoint())) {
            List<String> rows = new ArrayList<>();
            for (int size : sizes) {
                ProvisionedStack stack = new Provisioner(clients, template, "recon" + size, Map.of()).provision();
                try {
                    rows.add(run(clients, template, stack, size));
                } finally {
                    stack.delete();
                }
            }
            System.out.println();
            System.out.println("| recordings in the council's day | prefixes of the council's day | LIST calls, that council | LIST calls, all 5 councils"
                    + " | other calls by operation | checks at once | wall time (moto, 20 ms an S3 call, 8 ms others) |");
            System.out.println("|---:|---:|---:|---:|---|---:|---:|");
            rows.forEach(System.out::println);
        }
    }

    private static String run(LocalAwsClients clients, Template template, ProvisionedStack stack, int size) throws Exception {
        Map<String, String> environment = new HashMap<>(stack.environmentOf(template.functions().get("ReconcileRecordingsFunction")));
        environment.put("AWS_REGION", LocalAwsClients.REGION.id());
        environment.put("AWS_ENDPOINT_URL", clients.endpoint().toString());
        environment.put("AWS_ACCESS_KEY_ID", LocalAwsClients.ACCESS_KEY_ID);
        environment.put("AWS_SECRET_ACCESS_KEY", LocalAwsClients.SECRET_ACCESS_KEY);
        LocalDate day = LocalDate.now(RetentionSchedule.UK).minusDays(1);
        String prefix = COUNCIL + "/customer-services/phone/" + DateTimeFormatter.ofPattern("yyyy/MM/dd").format(day) + "/";
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);

        Instant loadStart = Instant.now();
        RecordingTagger tagger = TagRecordingFactory.fromEnvironment(environment, quiet).tagger();
        String bucket = environment.get("RECORDINGS_BUCKET");
        ExecutorService uploaders = Executors.newFixedThreadPool(UPLOADERS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                String key = prefix + String.format("call-%06d.wav", i);
                work.add(uploaders.submit(() -> {
                    String version = clients.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(Uploads.WAV)).versionId();
                    tagger.tag(new Upload(bucket, key, Optional.of(version), Optional.empty()));
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            uploaders.shutdown();
        }
        System.err.printf("uploaded and tagged %,d recordings in %d s%n", size, Duration.between(loadStart, Instant.now()).toSeconds());

        List<String> rows = new ArrayList<>();
        for (int concurrency : CONCURRENCY) {
            environment.put("RECONCILE_CONCURRENCY", Integer.toString(concurrency));
            Clock settled = Clock.offset(Clock.systemUTC(), Reconciliation.SETTLING.plusHours(1));
            Reconciliation reconciliation = TagRecordingFactory.reconciliation(environment, quiet, settled);
            CallCounter.reset();
            CallCounter.latency(AWS_LIKE);
            Instant start = Instant.now();
            ReconciliationReport report = reconciliation.run(new Reconciliation.Days(day, day), false, Deadline.NONE);
            Duration wall = Duration.between(start, Instant.now());
            CallCounter.latency(new CallCounter.Latency(0, 0));
            System.err.printf("reconciled %,d, %d at once: %s%n", size, concurrency, report.summary());
            if (!report.complete() || report.objectsChecked() != size || report.repaired() != 0) {
                throw new IllegalStateException("expected a complete run that checks " + size + " and repairs none: " + report.summary());
            }
            Map<String, Long> listsByCouncil = CallCounter.listedPrefixes().stream()
                    .collect(Collectors.groupingBy(listed -> listed.substring(0, listed.indexOf('/')), TreeMap::new, Collectors.counting()));
            Map<String, Long> others = CallCounter.calls().stream().filter(call -> !call.equals("ListObjectVersions"))
                    .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
            rows.add(String.format("| %,d | %d | %d | %d | %s | %d | %.1f s |", size, prefixesOf(PolicyBook.bundled(environment), COUNCIL),
                    listsByCouncil.getOrDefault(COUNCIL, 0L), CallCounter.listedPrefixes().size(), others, concurrency, wall.toMillis() / 1000.0));
        }
        return String.join(System.lineSeparator(), rows);
    }

    /** A council's prefixes for one day: one per team and channel its policy covers. */
    private static long prefixesOf(PolicyBook policies, String council) {
        CouncilPolicy policy = policies.council(council).orElseThrow();
        return policy.channels().values().stream().mapToLong(teams -> teams.size()).sum();
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }
}
