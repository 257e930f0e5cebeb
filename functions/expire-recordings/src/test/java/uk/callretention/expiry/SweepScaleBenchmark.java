package uk.callretention.expiry;

import static uk.callretention.recording.CatalogueEntryBuilder.forKey;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;
import uk.callretention.retention.Deadline;
import uk.callretention.retention.HoldService;
import uk.callretention.retention.Sweep;
import uk.callretention.retention.SweepCalendar;
import uk.callretention.retention.SweepReport;

/**
 * Not a test: how fast the sweep deletes at AWS-like latency, and how much it reads as the catalogue grows. The sweep
 * is the function's own; its stores are the project's interfaces in memory, each call waiting as long as AWS would
 * ({@link InMemoryRetention}: 20 ms per S3 call, 8 ms per DynamoDB call), since moto slows down as its tables grow.
 * Every run is checked: each due recording gone, with one audit event and a tombstone, nothing else deleted.
 *
 * <p>Prints three tables: deletions per minute at concurrency 1, 8, 32 and 64 (about 20 seconds each); one day of
 * {@code target} due recordings (200,000 by default) swept by one run at {@code best} concurrency (64), against
 * the 810 seconds a 15-minute invocation has before its 90-second margin; and items read per item due with 10,000,
 * 100,000 and 1,000,000 catalogued, 1,000 of them due.
 *
 * <p>Run: {@code mvn -B -ntp -o -q -pl functions/expire-recordings exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=uk.callretention.expiry.SweepScaleBenchmark [-Dexec.args="200000 64"]}
 */
public final class SweepScaleBenchmark {

    private static final Duration S3_CALL = Duration.ofMillis(20);
    private static final Duration DYNAMODB_CALL = Duration.ofMillis(8);
    private static final Duration ONE_INVOCATION = Duration.ofMinutes(15).minus(ExpireRecordingsHandler.DEADLINE_MARGIN);
    private static final List<Integer> CONCURRENCY = List.of(1, 8, 32, 64);
    private static final List<Integer> CATALOGUED = List.of(10_000, 100_000, 1_000_000);
    private static final int DUE_AMONG_CATALOGUED = 1000;
    /** Recordings one worker sweeps in about 20 seconds at this latency: the size of each throughput run. */
    private static final int PER_WORKER = 200;

    private SweepScaleBenchmark() {
    }

    public static void main(String[] args) {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int best = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        LocalDate today = LocalDate.now(RetentionSchedule.UK);
        System.out.printf("%d processors, Java %s, %s per S3 call, %s per DynamoDB call%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), S3_CALL.toMillis() + " ms", DYNAMODB_CALL.toMillis() + " ms");

        System.out.println("| concurrency | due | sweep time | deletions per minute | in one 15-minute run (810 s) |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (int concurrency : CONCURRENCY) {
            Result result = sweep(concurrency, PER_WORKER * concurrency, 0, today);
            System.out.printf("| %d | %,d | %.1f s | %,.0f | %,.0f |%n", concurrency, result.due, result.seconds(), result.perMinute(),
                    result.perMinute() * ONE_INVOCATION.toSeconds() / 60);
        }

        Result day = sweep(best, target, 0, today);
        System.out.println();
        System.out.println("| due in one day | concurrency | sweep time | fits in one invocation (810 s) | S3 calls | DynamoDB calls |");
        System.out.println("|---:|---:|---:|---|---:|---:|");
        System.out.printf("| %,d | %d | %.0f s | %s | %,d | %,d |%n", target, best, day.seconds(), day.seconds() <= ONE_INVOCATION.toSeconds() ? "yes" : "no",
                day.s3Calls, day.dynamoDbCalls);

        System.out.println();
        System.out.println("| catalogued | due | items read | read / due | DynamoDB calls | sweep time (concurrency 32) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (int catalogued : CATALOGUED) {
            Result result = sweep(32, DUE_AMONG_CATALOGUED, catalogued - DUE_AMONG_CATALOGUED, today);
            System.out.printf("| %,d | %,d | %,d | %.3f | %,d | %.1f s |%n", catalogued, result.due, result.itemsRead,
                    result.itemsRead / (double) result.due, result.dynamoDbCalls, result.seconds());
        }
    }

    private record Result(int due, Duration took, long itemsRead, long s3Calls, long dynamoDbCalls) {
        double seconds() {
            return took.toMillis() / 1000.0;
        }

        double perMinute() {
            return due * 60_000.0 / took.toMillis();
        }
    }

    /**
     * One run over {@code due} recordings due over the last three days (with objects) and {@code notDue} catalogued
     * only: due over the next two years, or held (out of the index).
     */
    private static Result sweep(int concurrency, int due, int notDue, LocalDate today) {
        InMemoryRetention stores = new InMemoryRetention(S3_CALL, DYNAMODB_CALL);
        List<CatalogueEntry> dueEntries = new ArrayList<>(due);
        for (int i = 0; i < due; i++) {
            CatalogueEntry entry = entry(i, today.minusDays(i % 3), RecordingState.ACTIVE);
            stores.add(entry, true);
            dueEntries.add(entry);
        }
        for (int i = due; i < due + notDue; i++) {
            boolean held = i % 10 == 0;
            stores.add(entry(i, held ? today.minusDays(1 + i % 300) : today.plusDays(1 + i % 730), held ? RecordingState.HELD : RecordingState.ACTIVE),
                    false);
        }
        stores.progress.startFrom(today.minusDays(2));
        PolicyBook policies = PolicyBook.bundled(Map.of());
        Clock clock = Clock.systemUTC();
        LogLine quiet = new LogLine(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8), clock);
        Sweep sweep = new Sweep(stores.catalogue, stores.bucket, stores.audit, stores.progress,
                new HoldService(policies, stores.catalogue, stores.holds, stores.bucket, clock), new SweepCalendar(policies), quiet, clock, concurrency);

        Instant start = Instant.now();
        SweepReport report = sweep.run(today, false, Deadline.NONE);
        Duration took = Duration.between(start, Instant.now());

        check(report, stores, dueEntries);
        System.err.printf("concurrency %d: %,d due of %,d catalogued swept in %.1f s%n", concurrency, due, due + notDue, took.toMillis() / 1000.0);
        return new Result(due, took, stores.itemsRead.sum(), stores.s3Calls.sum(), stores.dynamoDbCalls.sum());
    }

    private static void check(SweepReport report, InMemoryRetention stores, List<CatalogueEntry> due) {
        boolean right = report.status() == SweepReport.Status.COMPLETE && report.deleted() == due.size() && stores.bucket.objectsLeft() == 0
                && due.stream().allMatch(entry -> stores.catalogue.state(entry.recordingId()) == RecordingState.DELETED
                && stores.audit.deletions(entry.recordingId()) == 1);
        if (!right) {
            throw new IllegalStateException("the sweep did not delete exactly the due recordings, each once and audited once: " + report);
        }
    }

    private static CatalogueEntry entry(int i, LocalDate expiresOn, RecordingState state) {
        String key = "rutland/customer-services/phone/2025/01/01/scale-" + i + ".wav";
        return forKey(key).versionId("v-" + i).ordering("t" + i).state(state).council("rutland").team("customer-services")
                .channel("phone").recordedAt(Instant.parse("2025-01-01T10:00:00Z")).recordedOn(LocalDate.of(2025, 1, 1))
                .retentionClass("P3M").expiresOn(expiresOn).policyRef("rutland@1").callerHash("caller-" + i).agent("agent-" + (i % 40))
                .direction("inbound").contentType("audio/wav").sizeBytes(12).cataloguedAt(Instant.parse("2025-01-01T10:05:00Z")).build();
    }
}
