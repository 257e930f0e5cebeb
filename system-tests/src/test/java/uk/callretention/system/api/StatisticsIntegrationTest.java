package uk.callretention.system.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.callretention.system.api.ApiStack.HTTP;

import com.fasterxml.jackson.jr.ob.JSON;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.local.runtime.auth.JwtAuthorizer;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.RecordingId;
import uk.callretention.statistics.count.CountStatisticsHandler;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/**
 * The statistics against what a test did through the real upload path and API: uploads by team on several days, a
 * quarantined upload, playbacks allowed and refused, holds placed and released, a subject access search, an erasure,
 * and the sweep's deletions on the day and late; each day then counted (the days before today through the local
 * runtime, as its schedule would; today and a week on in-process with the clock moved on), and {@code GET /statistics}
 * compared with that: every figure the test's own count gives, those under 5 suppressed along with enough others that
 * none can be worked out, and nothing identifying.
 */
@ExtendWith(LocalAwsExtension.class)
class StatisticsIntegrationTest {

    private static final String COUNCIL = "newark-sherwood";
    private static final LocalDate TODAY = LocalDate.now(RetentionSchedule.UK);
    /** Newark and Sherwood keeps recordings 40 days: a recording made then is due today, one made earlier is late. */
    private static final LocalDate DUE_TODAY = TODAY.minusDays(40);
    private static final LocalDate THREE_DAYS_LATE = TODAY.minusDays(43);
    private static final LocalDate EIGHT_DAYS_LATE = TODAY.minusDays(48);
    private static final LocalDate REVIEW_ON = TODAY.plusDays(7);
    private static final String CALLER = "01636 655551";

    private static LocalAws aws;
    private static ApiStack api;
    private static String dpo;
    private static String manager;
    private static String staff;
    private static final List<String> RECORDINGS = new ArrayList<>();
    /** What the test did: day, measure, breakdown, one row per thing counted. */
    private static final List<String[]> DONE = new ArrayList<>();
    private static final Set<LocalDate> COUNTED = new TreeSet<>();
    private static Map<String, Object> answer;
    private static HttpResponse<String> csv;

    @BeforeAll
    static void doAMonthsWorkThenCountIt() throws Exception {
        api = ApiStack.start(aws, new JwtAuthorizer(aws.endpoint(), Clock.systemUTC()));
        dpo = api.token("stats-dpo", COUNCIL + ":*:dpo");
        manager = api.token("stats-manager", COUNCIL + ":customer-services:manager");
        staff = api.token("stats-staff", COUNCIL + ":customer-services:staff");

        List<String> eightDaysLate = uploads(EIGHT_DAYS_LATE, "customer-services", 5);
        uploads(THREE_DAYS_LATE, "housing-services", 1);
        List<String> dueToday = uploads(DUE_TODAY, "customer-services", 6);
        List<String> today = uploads(TODAY, "customer-services", 6);
        uploads(TODAY, "housing-services", 2);
        String quarantined = upload(TODAY, TODAY.minusDays(1), "customer-services", "01636 655599");
        RECORDINGS.add(quarantined);
        for (String recordingId : RECORDINGS) {
            awaitCatalogued(recordingId);
        }
        did(TODAY, "quarantined-by-reason", "date-mismatch");

        // The days before today, counted by the function the local runtime serves, on the real clock, as its schedule would.
        for (LocalDate day : List.of(EIGHT_DAYS_LATE, THREE_DAYS_LATE, DUE_TODAY)) {
            HttpResponse<String> counted = send(HttpRequest.newBuilder(api.api("/_local/functions/CountStatisticsFunction/invocations"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"day\":\"" + day + "\"}")));
            assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
            assertThat(ApiStack.json(counted)).containsEntry("daysCounted", List.of(day.toString()));
            COUNTED.add(day);
        }

        String played = today.get(0);
        for (int i = 0; i < 5; i++) {
            assertThat(playback(played, manager, "complaint").statusCode()).isEqualTo(200);
            did(TODAY, "playbacks-allowed-by-purpose", "complaint");
        }
        for (int i = 0; i < 2; i++) {
            assertThat(playback(played, staff, "complaint").statusCode()).isEqualTo(403);
            did(TODAY, "playbacks-refused-by-purpose", "complaint");
        }
        assertThat(playback(played, dpo, "dispute").statusCode()).isEqualTo(400);
        did(TODAY, "playbacks-refused-by-purpose", "other");

        String held = today.get(1);
        String heldAndReleased = today.get(2);
        assertThat(hold(held).statusCode()).isEqualTo(201);
        HttpResponse<String> placed = hold(heldAndReleased);
        assertThat(placed.statusCode()).isEqualTo(201);
        did(TODAY, "held-by-reason", "complaint-or-dispute");
        did(TODAY, "held-by-reason", "complaint-or-dispute");
        assertThat(api.delete("/recordings/" + heldAndReleased + "/holds/" + ApiStack.json(placed).get("holdId"), dpo).statusCode()).isEqualTo(200);
        did(TODAY, "released-by-reason", "complaint-or-dispute");

        assertThat(api.get("/subject-access?council=" + COUNCIL + "&from=" + TODAY + "&phone=" + URLEncoder.encode(CALLER, StandardCharsets.UTF_8), dpo)
                .statusCode()).isEqualTo(200);
        did(TODAY, "subject-access-searches", "all");
        assertThat(api.post("/recordings/" + dueToday.get(0) + "/erasure", dpo, "{\"reference\":\"SAR-2026-0009\"}").statusCode()).isEqualTo(200);
        did(TODAY, "erasures", "all");

        // A stack that has swept before: the first run ever would read years of empty shards first.
        aws.clients().dynamoDb().putItem(put -> put.tableName(api.runtime.stack().tableName("SweepStateTable")).item(Map.of(
                "sweepName", AttributeValue.fromS("expire-recordings"), "oldestNotSwept", AttributeValue.fromS(TODAY.minusDays(10).toString()))));
        HttpResponse<String> swept = send(HttpRequest.newBuilder(api.api("/_local/schedules/ExpireRecordingsFunction/DailySweep"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"sweep\"}")));
        assertThat(swept.statusCode()).as(swept.body()).isEqualTo(200);
        assertThat(api.catalogued(eightDaysLate.get(0)).orElseThrow().state().name()).isEqualTo("DELETED");
        dueToday.stream().skip(1).forEach(id -> did(TODAY, "deleted-by-days-late", "on-the-day"));
        did(TODAY, "deleted-by-days-late", "2-to-7-days-late");
        eightDaysLate.forEach(id -> did(TODAY, "deleted-by-days-late", "8-or-more-days-late"));

        // Today and the week after, counted once they are over: the clock moved on past the held recording's review date.
        CountStatisticsHandler later = new CountStatisticsHandler(environment(),
                Clock.fixed(REVIEW_ON.plusDays(1).atTime(LocalTime.of(4, 30)).atZone(RetentionSchedule.UK).toInstant(), RetentionSchedule.UK));
        for (LocalDate day : List.of(TODAY, REVIEW_ON)) {
            later.handleRequest(Map.of("day", day.toString()), null);
            COUNTED.add(day);
        }
        did(REVIEW_ON, "holds-overdue-for-review", "all");

        answer = ApiStack.json(statistics(dpo, ""));
        // Counting a day again overwrites it: the same answer.
        later.handleRequest(Map.of("day", TODAY.toString()), null);
        assertThat(ApiStack.json(statistics(dpo, ""))).isEqualTo(answer);
        csv = statistics(dpo, "&format=csv");
    }

    @AfterAll
    static void stopApi() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void statistics_afterAMonthsWork_showEveryFigureTheTestCountedWithSmallOnesSuppressed() {
        Map<YearMonth, Map<String, Long>> truth = new TreeMap<>();
        DONE.forEach(row -> truth.computeIfAbsent(YearMonth.from(LocalDate.parse(row[0])), m -> new TreeMap<>())
                .merge(row[1] + "/" + row[2], 1L, Long::sum));

        List<Map<String, Object>> months = months();
        assertThat(months).extracting(m -> m.get("month")).containsExactlyElementsOf(monthsAsked().stream().map(YearMonth::toString).toList());
        for (Map<String, Object> month : months) {
            YearMonth which = YearMonth.parse((String) month.get("month"));
            Map<String, Long> expected = truth.getOrDefault(which, Map.of());
            assertThat(month.get("daysCounted")).isEqualTo((int) COUNTED.stream().filter(day -> YearMonth.from(day).equals(which)).count());
            assertThat(month.get("complete")).as("a month with days not counted is not fit to publish").isEqualTo(false);
            Map<String, Map<String, Object>> figures = figures(month);
            assertThat(figures.keySet()).as("figures of %s", which).containsExactlyInAnyOrderElementsOf(expected.keySet());
            Map<String, List<String>> hiddenByMeasure = new HashMap<>();
            figures.forEach((cell, figure) -> {
                long count = expected.get(cell);
                if (count < 5) {
                    assertThat(figure).as("%s in %s", cell, which).containsOnlyKeys("measure", "breakdown", "suppressed");
                }
                if (figure.containsKey("suppressed")) {
                    assertThat(figure).containsEntry("suppressed", true).doesNotContainKey("count");
                    hiddenByMeasure.computeIfAbsent((String) figure.get("measure"), m -> new ArrayList<>()).add(cell);
                } else {
                    assertThat(figure).as("%s in %s", cell, which).containsEntry("count", (int) count);
                }
            });
            hiddenByMeasure.forEach((measure, hidden) -> {
                long measureCells = figures.keySet().stream().filter(cell -> cell.startsWith(measure + "/")).count();
                long hiddenSum = hidden.stream().mapToLong(expected::get).sum();
                assertThat(hidden.size() == measureCells || (hidden.size() >= 2 && hiddenSum >= 5))
                        .as("%s in %s: a total gives away no suppressed figure (%s)", measure, which, hidden).isTrue();
            });
        }
    }

    @Test
    void statistics_ofToday_suppressTheSmallFiguresAndTheNextSmallestBesideThem() {
        Map<String, Map<String, Object>> today = figures(months().stream().filter(m -> m.get("month").equals(YearMonth.from(TODAY).toString()))
                .findFirst().orElseThrow());

        assertThat(today.get("playbacks-allowed-by-purpose/complaint")).containsEntry("count", 5);
        assertThat(today.get("playbacks-refused-by-purpose/complaint")).containsEntry("suppressed", true);
        assertThat(today.get("playbacks-refused-by-purpose/other")).containsEntry("suppressed", true);
        assertThat(today.get("held-by-reason/complaint-or-dispute")).containsEntry("suppressed", true);
        assertThat(today.get("erasures/all")).containsEntry("suppressed", true);
        // Deleted: 5 on the day, 1 three days late, 5 eight days late; the 1 alone would be given away by a total, so a 5 goes too.
        assertThat(today.get("deleted-by-days-late/on-the-day")).containsEntry("count", 5);
        assertThat(today.get("deleted-by-days-late/2-to-7-days-late")).containsEntry("suppressed", true);
        assertThat(today.get("deleted-by-days-late/8-or-more-days-late")).containsEntry("suppressed", true);
    }

    @Test
    void statistics_asCsv_sayTheSameAsJsonAndAcceptAsksForItToo() throws Exception {
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        List<String> rows = csv.body().lines().toList();
        assertThat(rows.get(0)).isEqualTo("month,monthComplete,measure,breakdown,count,suppressed");
        List<String> fromJson = new ArrayList<>();
        for (Map<String, Object> month : months()) {
            for (Map<String, Object> figure : figures(month).values()) {
                boolean suppressed = figure.containsKey("suppressed");
                fromJson.add(month.get("month") + "," + month.get("complete") + "," + figure.get("measure") + "," + figure.get("breakdown") + ","
                        + (suppressed ? "" : figure.get("count")) + "," + suppressed);
            }
        }
        assertThat(rows.subList(1, rows.size())).containsExactlyInAnyOrderElementsOf(fromJson);

        HttpResponse<String> accepted = send(HttpRequest.newBuilder(api.api(query(""))).header("authorization", "Bearer " + dpo)
                .header("accept", "text/csv").GET());
        assertThat(accepted.body()).isEqualTo(csv.body());
    }

    @Test
    void statistics_carryNoIdsNumbersOrNames() throws Exception {
        for (String body : List.of(JSON.std.asString(answer), csv.body())) {
            assertThat(body).doesNotContain("rec-", "stats-", "01636", "655551", "SAR-", COUNCIL + "/");
            RECORDINGS.forEach(id -> assertThat(body).doesNotContain(id.substring(4, 16)));
        }
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
            "the council's DPO, " + COUNCIL + ":*:dpo, 200, allowed",
            "a manager, " + COUNCIL + ":customer-services:manager, 403, not-permitted",
            "team staff, " + COUNCIL + ":customer-services:staff, 403, not-permitted",
            "another council's DPO, rutland:*:dpo, 404, not-found",
            "another council's manager, rutland:customer-services:manager, 404, not-found"})
    void statistics_whenAskedByEachRole_onlyTheDpoSeesThemAndEveryRequestIsAudited(String who, String group, int status, String outcome)
            throws Exception {
        int before = api.trail("statistics:" + COUNCIL).size();

        HttpResponse<String> response = statistics(api.token("stats-" + group.replace(':', '-').replace("*", "all"), group), "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        if (status != 200) {
            assertThat(ApiStack.json(response)).containsOnlyKeys("error", "message").containsEntry("error", outcome);
        }
        List<AuditEvent> trail = api.trail("statistics:" + COUNCIL);
        assertThat(trail).hasSize(before + 1);
        AuditEvent event = trail.get(trail.size() - 1);
        assertThat(event.action()).isEqualTo(AuditAction.STATISTICS_READ);
        assertThat(event.outcome()).isEqualTo(outcome);
        assertThat(event.details()).containsEntry("from", monthsAsked().get(0).toString());
    }

    private static List<YearMonth> monthsAsked() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth month = YearMonth.from(EIGHT_DAYS_LATE); !month.isAfter(YearMonth.from(REVIEW_ON)); month = month.plusMonths(1)) {
            months.add(month);
        }
        return months;
    }

    private static String query(String more) {
        return "/statistics?council=" + COUNCIL + "&from=" + YearMonth.from(EIGHT_DAYS_LATE) + "&to=" + YearMonth.from(REVIEW_ON) + more;
    }

    private static HttpResponse<String> statistics(String token, String more) throws Exception {
        return api.get(query(more), token);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> months() {
        return (List<Map<String, Object>>) answer.get("months");
    }

    /** A month's figures by measure/breakdown. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> figures(Map<String, Object> month) {
        return ((List<Map<String, Object>>) month.get("figures")).stream()
                .collect(Collectors.toMap(f -> f.get("measure") + "/" + f.get("breakdown"), f -> f, (a, b) -> a, LinkedHashMap::new));
    }

    private static void did(LocalDate day, String measure, String breakdown) {
        DONE.add(new String[] {day.toString(), measure, breakdown});
    }

    private static List<String> uploads(LocalDate day, String team, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(upload(day, day, team, i == 0 && day.equals(TODAY) && team.equals("customer-services") ? "01636 655552" : CALLER));
            did(day, "received-by-channel", "phone");
            did(day, "received-by-team", team);
        }
        RECORDINGS.addAll(ids);
        return ids;
    }

    /** An upload through the real path: the bucket's notification reaches the tagger, which catalogues it. */
    private static String upload(LocalDate keyDate, LocalDate recordedOn, String team, String caller) {
        String key = COUNCIL + "/" + team + "/phone/" + keyDate.toString().replace('-', '/') + "/stats-" + System.nanoTime() + ".wav";
        aws.clients().s3().putObject(put -> put.bucket(api.runtime.stack().bucketName("RecordingsBucket")).key(key).contentType("audio/wav")
                        .metadata(Map.of("recorded-at", recordedOn.atTime(LocalTime.of(10, 15)).atZone(RetentionSchedule.UK).toInstant().toString(),
                                "caller", caller, "agent", "agent-17", "direction", "inbound")),
                RequestBody.fromBytes(ApiStack.AUDIO));
        return RecordingId.forKey(key);
    }

    private static void awaitCatalogued(String recordingId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (api.catalogued(recordingId).isEmpty()) {
            assertThat(Instant.now()).as("catalogued " + recordingId).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> playback(String recordingId, String token, String purpose) throws Exception {
        return api.post("/recordings/" + recordingId + "/playback-url", token, "{\"purpose\":\"" + purpose + "\",\"reference\":\"CMP-1\"}");
    }

    private static HttpResponse<String> hold(String recordingId) throws Exception {
        return api.post("/recordings/" + recordingId + "/holds", dpo,
                "{\"reason\":\"complaint-or-dispute\",\"reference\":\"CMP-1\",\"reviewOn\":\"" + REVIEW_ON + "\"}");
    }

    /** The count function's environment in the API's stack, pointed at the local servers. */
    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(api.runtime.stack().environmentOf(aws.template().functions().get("CountStatisticsFunction")));
        aws.environmentOf("CountStatisticsFunction").forEach((name, value) -> {
            if (name.startsWith("AWS_")) {
                environment.put(name, value);
            }
        });
        return environment;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
