package uk.callretention.system.api;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.s3.model.Tag;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.aws.CatalogueItem;
import uk.callretention.local.aws.LocalAwsClients;
import uk.callretention.policy.PolicyBook;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingId;
import uk.callretention.recording.RecordingState;

/**
 * The issue's load, through the local runtime serving template.yaml. Uploads: real PutObjects by concurrent clients,
 * tagged as deployed (S3 → SQS → tag-recording), then every key checked for its one catalogue item and its tags.
 * Playback: concurrent clients over HTTP with tokens from the stack's own user pool, many managers each within their
 * council's hourly limit and a few asking for twice it, then every answer matched with the audit trail. It measures
 * and counts; the test and the benchmark say what must hold.
 */
final class LoadRun {

    private static final ZoneId UK = ZoneId.of("Europe/London");
    /** Every council's phone teams, so the uploads spread over every policy and index shard. */
    private static final List<String> TEAMS = List.of("rutland/customer-services", "south-hams/contact-centre", "contact-centre-2019/contact-centre",
            "newark-sherwood/customer-services", "newark-sherwood/housing-services", "newark-sherwood/careline-services", "rotherham/contact-centre");
    private static final String PLAYED_TEAM = "rutland/customer-services";
    private static final String PLAYED_GROUP = "rutland:customer-services:manager";
    private static final int HAMMERING_USERS = 3;
    /** Recordings the managers play, so each answer is found in a few trails. */
    private static final int PLAYED_RECORDINGS = 10;
    private static final Set<String> SYSTEM_TAGS = Set.of("council", "team", "channel", "retention", "expires", "policy");

    private final ApiStack api;
    private final LocalAwsClients clients;
    private final Supplier<List<String>> functionLog;
    private final String bucket;
    private final DynamoDbTable<CatalogueItem> catalogue;

    LoadRun(ApiStack api, Supplier<List<String>> functionLog) {
        this.api = api;
        this.clients = api.aws.clients();
        this.functionLog = functionLog;
        this.bucket = api.runtime.stack().bucketName("RecordingsBucket");
        this.catalogue = DynamoDbEnhancedClient.builder().dynamoDbClient(clients.dynamoDb()).build()
                .table(api.runtime.stack().tableName("CatalogueTable"), CatalogueItem.SCHEMA);
    }

    record Uploads(int uploaded, int clients, Duration putting, Duration untilAllCatalogued, int catalogued, int cataloguedOnce,
                   int cataloguedMoreThanOnce, int untagged, int lost, Duration p50, Duration p99, List<String> played) {

        double perSecond() {
            return catalogued * 1000.0 / Math.max(1, untilAllCatalogued.toMillis());
        }

        String describe() {
            return String.format("uploads: %,d from %d clients, put in %.1f s; all catalogued after %.1f s: %.1f uploads/s tagged%n"
                            + "  upload to catalogue: p50 %.2f s, p99 %.2f s%n"
                            + "  catalogued %,d (once %,d, more than once %d), untagged %d, lost %d",
                    uploaded, clients, putting.toMillis() / 1000.0, untilAllCatalogued.toMillis() / 1000.0, perSecond(),
                    p50.toMillis() / 1000.0, p99.toMillis() / 1000.0, catalogued, cataloguedOnce, cataloguedMoreThanOnce, untagged, lost);
        }
    }

    record Playbacks(int requests, int clients, int users, int hammeringUsers, int limit, Duration took, int issued, int refusedForLimit,
                     int otherAnswers, int issuedEvents, int refusedEvents, int unaudited, int maxIssuedToOneUserInAnHour,
                     Map<String, Integer> hammerersIssued, Duration p50, Duration p99) {

        String describe() {
            return String.format("playback: %,d requests from %d clients by %d managers (%d asking for twice the limit of %d) in %.1f s: %.0f requests/s%n"
                            + "  latency p50 %d ms, p99 %d ms%n"
                            + "  200 %,d (audited %,d, unaudited %d), 429 %,d (audited %,d), other %d; most links to one person in an hour %d",
                    requests, clients, users, hammeringUsers, limit, took.toMillis() / 1000.0, requests * 1000.0 / Math.max(1, took.toMillis()),
                    p50.toMillis(), p99.toMillis(), issued, issuedEvents, unaudited, refusedForLimit, refusedEvents, otherAnswers,
                    maxIssuedToOneUserInAnHour);
        }
    }

    /** PUTs {@code count} recordings from {@code clientCount} clients, waits until tagging stops making progress, and checks each. */
    Uploads upload(int count, int clientCount) throws Exception {
        List<String> keys = IntStream.range(0, count).mapToObj(this::key).toList();
        Map<String, Instant> putAt = new ConcurrentHashMap<>();
        Instant start = Instant.now();
        inParallel(clientCount, IntStream.range(0, count).boxed().toList(), i -> {
            String key = keys.get(i);
            clients.s3().putObject(put -> put.bucket(bucket).key(key).contentType("audio/wav").metadata(Map.of(
                            "recorded-at", recordedOn(i).atTime(LocalTime.of(10, 0)).atZone(UK).toInstant().toString(),
                            "caller", "01572 " + (700000 + i % 300000),
                            "direction", "inbound")),
                    RequestBody.fromBytes(ApiStack.AUDIO));
            putAt.put(key, Instant.now());
        });
        Instant allPut = Instant.now();
        awaitCatalogued(count);

        Map<String, CatalogueEntry> found = new ConcurrentHashMap<>();
        AtomicInteger untagged = new AtomicInteger();
        inParallel(clientCount, keys, key -> {
            CatalogueItem item = catalogue.getItem(get -> get.key(Key.builder().partitionValue(RecordingId.forKey(key)).build()).consistentRead(true));
            if (item == null) {
                return;
            }
            CatalogueEntry entry = item.toEntry();
            found.put(key, entry);
            List<Tag> tags = clients.s3().getObjectTagging(get -> get.bucket(bucket).key(key).versionId(entry.versionId())).tagSet();
            boolean tagged = entry.state() == RecordingState.ACTIVE && tags.stream().map(Tag::key).collect(Collectors.toSet()).containsAll(SYSTEM_TAGS);
            if (!tagged) {
                untagged.incrementAndGet();
            }
        });
        Map<String, Long> cataloguedLines = cataloguedLogLines();
        int once = (int) keys.stream().filter(key -> cataloguedLines.getOrDefault(RecordingId.forKey(key), 0L) == 1).count();
        int twice = (int) keys.stream().filter(key -> cataloguedLines.getOrDefault(RecordingId.forKey(key), 0L) > 1).count();
        List<Duration> latencies = found.entrySet().stream()
                .map(e -> Duration.between(putAt.get(e.getKey()), e.getValue().cataloguedAt())).sorted().toList();
        Instant lastCatalogued = found.values().stream().map(CatalogueEntry::cataloguedAt).max(Instant::compareTo).orElse(start);
        List<String> played = keys.stream().filter(key -> key.startsWith(PLAYED_TEAM + "/")).limit(PLAYED_RECORDINGS).map(RecordingId::forKey).toList();
        return new Uploads(count, clientCount, Duration.between(start, allPut), Duration.between(start, lastCatalogued), found.size(), once, twice,
                untagged.get(), count - found.size(), quantile(latencies, 0.50), quantile(latencies, 0.99), played);
    }

    /**
     * {@code requests} playback requests from {@code clientCount} clients: {@value #HAMMERING_USERS} managers ask for twice their
     * council's hourly limit, the rest are spread over managers who each stay five below it.
     */
    Playbacks play(int requests, int clientCount, List<String> recordingIds) throws Exception {
        int limit = PolicyBook.bundled(Map.of()).council("rutland").orElseThrow().playback().maxUrlsPerUserPerHour();
        List<Integer> perUser = new ArrayList<>(Collections.nCopies(HAMMERING_USERS, 2 * limit));
        for (int left = requests - HAMMERING_USERS * 2 * limit; left > 0; left -= limit - 5) {
            perUser.add(Math.min(left, limit - 5));
        }
        Map<Integer, String> tokenOf = new ConcurrentHashMap<>();
        inParallel(clientCount, IntStream.range(0, perUser.size()).boxed().toList(), user -> tokenOf.put(user, api.token("load-" + user, PLAYED_GROUP)));
        List<Integer> order = new ArrayList<>();
        for (int user = 0; user < perUser.size(); user++) {
            order.addAll(Collections.nCopies(perUser.get(user), user));
        }
        Collections.shuffle(order, new Random(8));

        Map<Integer, List<Integer>> answers = new ConcurrentHashMap<>();
        List<Duration> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        Instant start = Instant.now();
        inParallel(clientCount, order, user -> {
            String recordingId = recordingIds.get(next.getAndIncrement() % recordingIds.size());
            long began = System.nanoTime();
            HttpResponse<String> response = api.post("/recordings/" + recordingId + "/playback-url", tokenOf.get(user),
                    "{\"purpose\":\"complaint\",\"reference\":\"LOAD-" + user + "\"}");
            latencies.add(Duration.ofNanos(System.nanoTime() - began));
            answers.computeIfAbsent(user, u -> Collections.synchronizedList(new ArrayList<>())).add(response.statusCode());
        });
        Duration took = Duration.between(start, Instant.now());

        Map<String, Integer> userOfSubject = new HashMap<>();
        tokenOf.forEach((user, token) -> userOfSubject.put(subjectOf(token), user));
        Map<Integer, List<Instant>> issuedAt = new HashMap<>();
        int refusedEvents = 0;
        for (String recordingId : recordingIds) {
            for (AuditEvent event : api.trail(recordingId)) {
                Integer user = userOfSubject.get(event.actor());
                if (user != null && event.action() == AuditAction.PLAYBACK_URL_ISSUED) {
                    issuedAt.computeIfAbsent(user, u -> new ArrayList<>()).add(event.at());
                } else if (user != null && event.action() == AuditAction.PLAYBACK_REFUSED) {
                    refusedEvents++;
                }
            }
        }
        int issued = 0;
        int refused = 0;
        int unaudited = 0;
        Map<String, Integer> hammerersIssued = new HashMap<>();
        for (int user = 0; user < perUser.size(); user++) {
            List<Integer> statuses = answers.getOrDefault(user, List.of());
            int ok = (int) statuses.stream().filter(s -> s == 200).count();
            issued += ok;
            refused += (int) statuses.stream().filter(s -> s == 429).count();
            unaudited += Math.abs(ok - issuedAt.getOrDefault(user, List.of()).size());
            if (user < HAMMERING_USERS) {
                hammerersIssued.put("manager " + user, ok);
            }
        }
        int mostInAnHour = issuedAt.values().stream().mapToInt(LoadRun::mostWithinAnHour).max().orElse(0);
        List<Duration> sorted = latencies.stream().sorted().toList();
        return new Playbacks(requests, clientCount, perUser.size(), HAMMERING_USERS, limit, took, issued, refused, order.size() - issued - refused,
                issuedAt.values().stream().mapToInt(List::size).sum(), refusedEvents, unaudited, mostInAnHour, hammerersIssued,
                quantile(sorted, 0.50), quantile(sorted, 0.99));
    }

    /** Spread over the council's teams and the last twenty UK days, so the uploads are classified as a platform's would be. */
    private String key(int i) {
        return TEAMS.get(i % TEAMS.size()) + "/phone/" + recordedOn(i).toString().replace('-', '/') + "/load-" + i + ".wav";
    }

    private static LocalDate recordedOn(int i) {
        return LocalDate.now(UK).minusDays(1 + (i / TEAMS.size()) % 20);
    }

    /** Until every upload is catalogued, or a minute passes with none catalogued; seldom, as counting takes moto's time from tagging. */
    private void awaitCatalogued(int count) throws InterruptedException {
        int seen = 0;
        Instant lastProgress = Instant.now();
        while (seen < count && Duration.between(lastProgress, Instant.now()).toSeconds() < 60) {
            Thread.sleep(2000);
            int now = clients.dynamoDb().scanPaginator(scan -> scan.tableName(api.runtime.stack().tableName("CatalogueTable")).select(Select.COUNT))
                    .stream().mapToInt(page -> page.count()).sum();
            if (now > seen) {
                seen = now;
                lastProgress = Instant.now();
            }
        }
    }

    /** How many times tag-recording's log says it catalogued each recording for the first time. */
    private Map<String, Long> cataloguedLogLines() throws IOException {
        Map<String, Long> counts = new HashMap<>();
        for (String line : functionLog.get()) {
            if (line.startsWith("{") && line.contains("\"upload tagged\"")) {
                Map<String, Object> json = JSON.std.mapFrom(line);
                if ("CATALOGUED".equals(json.get("outcome"))) {
                    counts.merge((String) json.get("recordingId"), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private static String subjectOf(String token) {
        try {
            return (String) JSON.std.mapFrom(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8)).get("sub");
        } catch (IOException e) {
            throw new IllegalStateException("the pool issued a token whose payload is not JSON", e);
        }
    }

    private static int mostWithinAnHour(List<Instant> instants) {
        List<Instant> sorted = instants.stream().sorted().toList();
        int most = 0;
        for (int first = 0, last = 0; last < sorted.size(); last++) {
            while (!sorted.get(first).plus(Duration.ofHours(1)).isAfter(sorted.get(last))) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    private static Duration quantile(List<Duration> sorted, double q) {
        return sorted.isEmpty() ? Duration.ZERO : sorted.get((int) Math.ceil(q * sorted.size()) - 1);
    }

    interface Work<T> {
        void on(T item) throws Exception;
    }

    /** Each item once, by {@code clientCount} threads taking the next item as they finish one; the first failure fails the whole. */
    static <T> void inParallel(int clientCount, List<T> items, Work<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clientCount);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                        work.on(items.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
