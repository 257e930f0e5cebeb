package uk.callretention.system.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.callretention.system.api.ApiStack.HTTP;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import uk.callretention.local.LocalRuntime;
import uk.callretention.local.template.Template;
import uk.callretention.recording.CallerNumber;
import uk.callretention.recording.RecordingId;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.Zips;

/**
 * A whole local run, as a council would have it: uploads carrying callers' numbers, playback, release to the police,
 * subject access by phone and a subject access export downloaded, a hold placed and released, an erasure and a sweep,
 * through the local runtime serving template.yaml with real tokens. Then everything the run left is read back (every
 * log line the functions and the runtime wrote, every item of every table, every object version's headers and tags,
 * the headers of the downloads the links gave, the export's manifest, the API's answers) and searched for the callers'
 * numbers in every form, bearer tokens and presigned URLs' signatures. None may be found.
 */
@ExtendWith(LocalAwsExtension.class)
class LeakScanIntegrationTest {

    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final LocalDate TODAY = LocalDate.now(UK);
    private static final Pattern BEARER_TOKEN = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");
    private static final Pattern PRESIGNED_SIGNATURE = Pattern.compile("(?i)x-amz-signature");
    /** Callers' numbers as platforms send them: spaced, international with the trunk zero, 00-prefixed, hyphenated, mobile. */
    private static final List<String> CALLERS = List.of("01572 722577", "+44 (0)1572 722578", "00441572722579", "01572-722580", "07700 900123");

    private static LocalAws aws;
    private static final List<String> LOG = new ArrayList<>();
    private static final Map<String, String> TABLE_ITEMS = new LinkedHashMap<>();
    private static final Map<String, String> OBJECT_VERSIONS = new LinkedHashMap<>();
    private static final Map<String, String> DOWNLOAD_HEADERS = new LinkedHashMap<>();
    private static final Map<String, String> ANSWERS = new LinkedHashMap<>();
    private static final Map<String, Integer> STEPS = new LinkedHashMap<>();

    @BeforeAll
    static void runAWholeDayThenReadEverythingBack() throws Exception {
        try (CapturedOutput output = CapturedOutput.start(); ApiStack api = ApiStack.start(aws, null)) {
            LocalRuntime runtime = api.runtime;
            String bucket = runtime.stack().bucketName("RecordingsBucket");
            String played = RecordingId.forKey(upload(bucket, TODAY.minusDays(2), TODAY.minusDays(2), CALLERS.get(0)));
            String searched = RecordingId.forKey(upload(bucket, TODAY.minusDays(3), TODAY.minusDays(3), CALLERS.get(1)));
            String erased = RecordingId.forKey(upload(bucket, TODAY.minusDays(4), TODAY.minusDays(4), CALLERS.get(2)));
            String dueKey = upload(bucket, TODAY.minusDays(100), TODAY.minusDays(100), CALLERS.get(3));
            String quarantined = RecordingId.forKey(upload(bucket, TODAY.minusDays(5), TODAY.minusDays(6), CALLERS.get(4)));
            for (String recordingId : List.of(played, searched, erased, RecordingId.forKey(dueKey), quarantined)) {
                awaitCatalogued(api, recordingId);
            }
            // A stack that has swept before: the first run ever would read 733 days of empty shards first.
            aws.clients().dynamoDb().putItem(put -> put.tableName(runtime.stack().tableName("SweepStateTable")).item(Map.of(
                    "sweepName", AttributeValue.fromS("expire-recordings"), "oldestNotSwept", AttributeValue.fromS(TODAY.minusDays(30).toString()))));

            String manager = api.token("scan-manager", "rutland:customer-services:manager");
            String dpo = api.token("scan-dpo", "rutland:*:dpo");
            Map<String, Object> link = step("playback", api.post("/recordings/" + played + "/playback-url", manager,
                    "{\"purpose\":\"complaint\",\"reference\":\"CMP-2026-0117\"}"));
            DOWNLOAD_HEADERS.put("playback download", download((String) link.get("url")));
            Map<String, Object> release = step("release", api.post("/recordings/" + played + "/release", dpo,
                    "{\"recipient\":\"police\",\"reference\":\"LEI-2026-0042\"}"));
            DOWNLOAD_HEADERS.put("release download", download((String) release.get("url")));
            for (String caller : CALLERS.subList(0, 3)) {
                step("subject access by " + caller, get(api, "/subject-access?council=rutland&from=" + TODAY.minusDays(10) + "&phone="
                        + URLEncoder.encode(caller, StandardCharsets.UTF_8), dpo));
            }
            Map<String, Object> export = step("export", api.post("/subject-access/exports", dpo,
                    "{\"phone\":\"" + CALLERS.get(1) + "\",\"from\":\"" + TODAY.minusDays(10) + "\",\"reference\":\"SAR-2026-0011\"}"));
            Map<String, Object> exported = awaitExport(api, "/subject-access/exports/" + export.get("exportId"), dpo);
            DOWNLOAD_HEADERS.put("export download", downloadExport((String) ((Map<?, ?>) exported.get("download")).get("url")));
            Map<String, Object> hold = step("hold", api.post("/recordings/" + played + "/holds", manager,
                    "{\"reason\":\"complaint-or-dispute\",\"reference\":\"CMP-2026-0117\",\"reviewOn\":\"" + TODAY.plusDays(30) + "\"}"));
            step("hold released", api.delete("/recordings/" + played + "/holds/" + hold.get("holdId"), dpo));
            step("erasure", api.post("/recordings/" + erased + "/erasure", dpo, "{\"reference\":\"SAR-2026-0009\"}"));
            step("listing", get(api, "/recordings?from=" + TODAY.minusDays(10), manager));
            step("audit trail", get(api, "/recordings/" + played + "/audit", dpo));
            step("sweep", send(HttpRequest.newBuilder(api.api("/_local/schedules/ExpireRecordingsFunction/DailySweep"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))));
            STEPS.put("due recording's versions left", api.versionsOf(dueKey).size());

            readTables(runtime);
            readObjectVersions(bucket);
            LOG.addAll(output.lines());
        }
    }

    @Test
    void run_whenScanned_hadDoneEveryStepItIsScannedFor() {
        assertThat(STEPS).containsEntry("playback", 200).containsEntry("release", 200).containsEntry("hold", 201)
                .containsEntry("hold released", 200).containsEntry("erasure", 200).containsEntry("sweep", 200)
                .containsEntry("due recording's versions left", 0);
        for (String caller : CALLERS.subList(0, 3)) {
            assertThat(STEPS).containsEntry("subject access by " + caller, 200);
            assertThat(ANSWERS.get("subject access by " + caller)).contains("\"recordingId\":\"rec-");
        }
        assertThat(LOG).anyMatch(line -> line.contains("\"upload tagged\"")).anyMatch(line -> line.contains("\"api request\""))
                .anyMatch(line -> line.contains("[local]"));
        assertThat(STEPS).containsEntry("export", 202).containsEntry("export state", 200);
        assertThat(ANSWERS.get("export")).contains("\"recordings\":1");
        assertThat(ANSWERS.get("export state")).contains("\"state\":\"ready\"");
        assertThat(DOWNLOAD_HEADERS).hasSize(3);
        assertThat(OBJECT_VERSIONS).isNotEmpty();
        assertThat(TABLE_ITEMS.keySet()).anyMatch(item -> item.startsWith("CatalogueTable ")).anyMatch(item -> item.startsWith("AuditTable "))
                .anyMatch(item -> item.startsWith("HoldsTable ")).anyMatch(item -> item.startsWith("BrowsingGuardTable "))
                .anyMatch(item -> item.startsWith("ExportsTable "));
    }

    @Test
    void logs_carryNoCallerNumberTokenOrPresignedUrl() {
        Map<String, String> log = Map.of("log", String.join("\n", LOG));

        assertThat(callerNumbers(log)).isEmpty();
        assertThat(tokensOrSignatures(log)).isEmpty();
    }

    @Test
    void tables_carryNoCallerNumberTokenOrPresignedUrl() {
        assertThat(callerNumbers(TABLE_ITEMS)).isEmpty();
        assertThat(tokensOrSignatures(TABLE_ITEMS)).isEmpty();
    }

    @Test
    void apiAnswers_carryNoCallerNumberOrToken_andOnlyLinkAnswersASignature() {
        Map<String, String> links = new LinkedHashMap<>(ANSWERS);
        links.keySet().retainAll(List.of("playback", "release", "export state"));
        Map<String, String> others = new LinkedHashMap<>(ANSWERS);
        others.keySet().removeAll(links.keySet());

        assertThat(callerNumbers(ANSWERS)).isEmpty();
        assertThat(tokensOrSignatures(others)).isEmpty();
        assertThat(tokensOrSignatures(links)).allMatch(found -> found.endsWith("presigned URL signature")).hasSize(3);
    }

    @Test
    void objectMetadataAndDownloadHeaders_carryNoTokenOrPresignedUrl() {
        assertThat(tokensOrSignatures(objectsAndDownloads())).isEmpty();
    }

    @Test
    void objectMetadataAndDownloadHeaders_carryNoCallerNumber() {
        assertThat(callerNumbers(objectsAndDownloads())).isEmpty();
    }

    private static Map<String, String> objectsAndDownloads() {
        Map<String, String> all = new LinkedHashMap<>(OBJECT_VERSIONS);
        all.putAll(DOWNLOAD_HEADERS);
        return all;
    }

    private static String upload(String bucket, LocalDate keyDate, LocalDate recordedOn, String caller) {
        String key = "rutland/customer-services/phone/" + keyDate.toString().replace('-', '/') + "/scan-" + System.nanoTime() + ".wav";
        aws.clients().s3().putObject(put -> put.bucket(bucket).key(key).contentType("audio/wav").metadata(Map.of(
                        "recorded-at", recordedOn.atTime(LocalTime.of(10, 15)).atZone(UK).toInstant().toString(),
                        "caller", caller, "agent", "agent-17", "direction", "inbound")),
                RequestBody.fromBytes(ApiStack.AUDIO));
        return key;
    }

    private static void awaitCatalogued(ApiStack api, String recordingId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (catalogued(api, recordingId).isEmpty()) {
            assertThat(Instant.now()).as("catalogued " + recordingId).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static Map<String, AttributeValue> catalogued(ApiStack api, String recordingId) {
        return aws.clients().dynamoDb().getItem(get -> get.tableName(api.runtime.stack().tableName("CatalogueTable"))
                .key(Map.of("recordingId", AttributeValue.fromS(recordingId))).consistentRead(true)).item();
    }

    private static Map<String, Object> step(String name, HttpResponse<String> response) throws Exception {
        STEPS.put(name, response.statusCode());
        ANSWERS.put(name, response.body());
        return response.body().startsWith("{") ? ApiStack.json(response) : Map.of();
    }

    private static HttpResponse<String> get(ApiStack api, String pathAndQuery, String token) throws Exception {
        return send(HttpRequest.newBuilder(api.api(pathAndQuery)).header("authorization", "Bearer " + token).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Fetches the link as a browser would and keeps the status line and headers it was served with. */
    private static String download(String url) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("download status").isEqualTo(200);
        assertThat(response.body()).isEqualTo(ApiStack.AUDIO);
        return response.statusCode() + " " + response.headers().map();
    }

    /** The export's state, asked again until the local runtime's event source has had it built; the last answer is a step's. */
    private static Map<String, Object> awaitExport(ApiStack api, String path, String token) throws Exception {
        for (int tries = 0; tries < 200; tries++) {
            Map<String, Object> state = step("export state", get(api, path, token));
            if (!"building".equals(state.get("state"))) {
                return state;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the export was not built within 20 seconds");
    }

    /** Fetches the export as the data subject would, and keeps the headers it was served with and what its manifest says. */
    private static String downloadExport(String url) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("export download status").isEqualTo(200);
        byte[] manifest = Zips.entries(response.body()).get("manifest.json");
        assertThat(manifest).as("the export's manifest").isNotNull();
        return response.statusCode() + " " + response.headers().map() + " " + new String(manifest, StandardCharsets.UTF_8);
    }

    private static void readTables(LocalRuntime runtime) {
        Template.load(ApiStack.TEMPLATE).resources().values().stream().filter(resource -> resource.type().equals("AWS::DynamoDB::Table"))
                .forEach(table -> {
                    String name = runtime.stack().tableName(table.logicalId());
                    aws.clients().dynamoDb().scanPaginator(scan -> scan.tableName(name)).items()
                            .forEach(item -> TABLE_ITEMS.put(table.logicalId() + " " + TABLE_ITEMS.size(), item.toString()));
                });
    }

    private static void readObjectVersions(String bucket) {
        for (ObjectVersion version : aws.clients().s3().listObjectVersionsPaginator(list -> list.bucket(bucket)).versions()) {
            String where = version.key() + " version " + version.versionId();
            var head = aws.clients().s3().headObject(h -> h.bucket(bucket).key(version.key()).versionId(version.versionId()));
            var tags = aws.clients().s3().getObjectTagging(t -> t.bucket(bucket).key(version.key()).versionId(version.versionId())).tagSet();
            OBJECT_VERSIONS.put(where, head.sdkHttpResponse().headers() + " " + tags);
        }
    }

    /**
     * Each caller's number as uploaded, in E.164, as its digits alone, as its national number (the digits every form
     * shares) and URL-encoded as a query carries it.
     */
    private static List<String> callerNumbers(Map<String, String> texts) {
        List<String> found = new ArrayList<>();
        texts.forEach((where, text) -> {
            for (String caller : CALLERS) {
                String e164 = CallerNumber.toE164(caller).orElseThrow();
                String urlEncoded = URLEncoder.encode(caller, StandardCharsets.UTF_8);
                for (String form : List.of(caller, e164, caller.replaceAll("\\D", ""), e164.substring(3), urlEncoded, urlEncoded.replace("+", "%20"))) {
                    if (text.contains(form)) {
                        found.add(where + ": caller number " + form);
                    }
                }
            }
        });
        return found;
    }

    private static List<String> tokensOrSignatures(Map<String, String> texts) {
        List<String> found = new ArrayList<>();
        texts.forEach((where, text) -> {
            if (BEARER_TOKEN.matcher(text).find()) {
                found.add(where + ": bearer token");
            }
            if (PRESIGNED_SIGNATURE.matcher(text).find()) {
                found.add(where + ": presigned URL signature");
            }
        });
        return found;
    }
}
