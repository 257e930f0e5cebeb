package uk.callretention.system.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import uk.callretention.audit.AuditEvent;
import uk.callretention.local.runtime.auth.JwtAuthorizer;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingId;
import uk.callretention.recording.RecordingState;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/**
 * Hostile and odd input, one case per file under {@code src/test/resources/bad-input/<kind>/}, each with the outcome
 * it must have, run through the real parts: API cases through the local HTTP API and its JWT authorizer (tokens the
 * stack's pool issued, or forged ones), upload events through the tag-recording function's invocation, keys and
 * metadata as real uploads to the bucket that reach the tagger through S3's notification. Whatever the case: never a
 * 500, never a link or a listing it should not give.
 *
 * <p>A case file holds {@code why}, and one of:
 * <ul>
 *   <li>{@code request} ({@code method}, {@code path}, {@code body} as JSON or {@code bodyText}, {@code headers},
 *   {@code chunked}) sent {@code as} a named member of staff, a forged token's spec ({@link ForgedTokens#token}) or
 *   nobody, expecting {@code status} and the function's {@code error} code or API Gateway's {@code message}, and
 *   optionally text the answer {@code contains}, the recording whose trail gains one event with that outcome
 *   ({@code audited}) or none ({@code unaudited}); {@code after} names an upload to wait for first;</li>
 *   <li>{@code invoke}: SQS {@code messages} for the tag-recording function, expecting the ids of those that
 *   {@code failed} (SQS retries them, then the dead-letter queue takes them);</li>
 *   <li>{@code upload}: a {@code key}, {@code metadata} and {@code content}, expecting the catalogue's {@code state},
 *   {@code reason}, {@code council}, whether the caller was hashed, and the DPO it is {@code listedFor}.</li>
 * </ul>
 * Placeholders such as {@code {recording}} or {@code {repeat:a:9000}} are filled in by {@link #fill}.
 */
@ExtendWith(LocalAwsExtension.class)
class BadInputCorpusIntegrationTest {

    static final Path CORPUS = Path.of("src", "test", "resources", "bad-input");
    static final Set<String> KINDS = Set.of("events", "keys", "metadata", "tokens", "groups", "ids", "bodies", "dates", "statistics");

    private static final Pattern REPEAT = Pattern.compile("\\{repeat:([^:}]*):(\\d+)}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z-]+)}");

    private static LocalAws aws;
    private static ApiStack api;
    private static ForgedTokens forged;
    private static final Map<String, String> NAMED_TOKENS = new HashMap<>();
    private static final Map<String, String> VALUES = new HashMap<>();

    @BeforeAll
    static void startApiAndSeed() throws Exception {
        api = ApiStack.start(aws, new JwtAuthorizer(aws.endpoint(), Clock.systemUTC()));
        Map<String, String> identities = Map.of(
                "manager", "newark-sherwood:customer-services:manager",
                "dpo", "newark-sherwood:*:dpo",
                "staff", "newark-sherwood:customer-services:staff",
                "rotherham-staff", "rotherham:contact-centre:staff",
                "rotherham-manager", "rotherham:contact-centre:manager",
                "rutland-dpo", "rutland:*:dpo",
                "rutland-manager", "rutland:customer-services:manager");
        identities.forEach((name, group) -> NAMED_TOKENS.put(name, api.token("corpus-" + name, group)));
        forged = new ForgedTokens(NAMED_TOKENS.get("manager"));
        VALUES.put("recording", api.recording("newark-sherwood", "customer-services", RecordingState.ACTIVE).recordingId());
        VALUES.put("other-team-recording", api.recording("newark-sherwood", "housing-services", RecordingState.ACTIVE).recordingId());
        VALUES.put("rutland-recording", api.recording("rutland", "customer-services", RecordingState.ACTIVE).recordingId());
        VALUES.put("rotherham-recording", api.recording("rotherham", "contact-centre", RecordingState.ACTIVE).recordingId());
        VALUES.put("quarantined", api.recording("newark-sherwood", "customer-services", RecordingState.QUARANTINED).recordingId());
        VALUES.put("deleted", api.recording("newark-sherwood", "customer-services", RecordingState.DELETED).recordingId());
        VALUES.put("bucket", api.runtime.stack().bucketName("RecordingsBucket"));
        LocalDate yesterday = LocalDate.now(RetentionSchedule.UK).minusDays(1);
        VALUES.put("yesterday", yesterday.format(DateTimeFormatter.ofPattern("yyyy/MM/dd")));
        VALUES.put("yesterday-noon", yesterday.atTime(LocalTime.NOON).atZone(RetentionSchedule.UK).toInstant().toString());
        VALUES.put("next-week", yesterday.plusDays(8).format(DateTimeFormatter.ofPattern("yyyy/MM/dd")));
        VALUES.put("next-week-noon", yesterday.plusDays(8).atTime(LocalTime.NOON).atZone(RetentionSchedule.UK).toInstant().toString());
        VALUES.put("manager-token", NAMED_TOKENS.get("manager"));
        String callersKey = "rutland/customer-services/phone/" + VALUES.get("yesterday") + "/subject-access.wav";
        upload(Map.of("key", callersKey, "metadata", Map.of("caller", "01572 722577")));
        VALUES.put("caller-recording", RecordingId.forKey(callersKey));
        // Training copies' sources that are not a plain WAV: a web chat, and a WAV whose header passes the upload check
        // but holds no audio.
        String chatKey = "newark-sherwood/customer-services/webchat/" + VALUES.get("yesterday") + "/training-source.json";
        upload(Map.of("key", chatKey, "metadata", Map.of("recorded-at", "{yesterday-noon}"),
                "content", "{\"messages\": [{\"role\": \"customer\", \"text\": \"Hello\"}, {\"role\": \"agent\", \"text\": \"Hi\"}]}"));
        VALUES.put("chat-recording", RecordingId.forKey(chatKey));
        String notAudioKey = "newark-sherwood/customer-services/phone/" + VALUES.get("yesterday") + "/training-not-audio.wav";
        upload(Map.of("key", notAudioKey, "metadata", Map.of("recorded-at", "{yesterday-noon}"), "content", "RIFF0000WAVEno fmt chunk here"));
        VALUES.put("not-audio-recording", RecordingId.forKey(notAudioKey));
        HttpResponse<String> export = api.post("/subject-access/exports", NAMED_TOKENS.get("rutland-dpo"),
                "{\"phone\":\"01572 722577\",\"reference\":\"SAR-CORPUS\"}");
        VALUES.put("rutland-export", ApiStack.json(export).get("exportId").toString());
        // All uploads first: the notifications reach the tagger meanwhile, so the cases wait for them only once.
        for (Arguments upload : corpus().toList()) {
            Map<String, Object> testCase = JSON.std.mapFrom(Files.readString((Path) upload.get()[1]));
            if (testCase.get("upload") instanceof Map<?, ?> given) {
                upload(given);
            }
        }
    }

    @AfterAll
    static void stopApi() {
        if (api != null) {
            api.close();
        }
    }

    static Stream<Arguments> corpus() throws IOException {
        try (Stream<Path> files = Files.walk(CORPUS)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted()
                    .map(file -> Arguments.of(CORPUS.relativize(file).toString(), file)).toList().stream();
        }
    }

    @Test
    void corpus_holdsEveryKindTheIssueNames_andAtLeast120Cases() throws IOException {
        List<Arguments> cases = corpus().toList();
        Set<String> kinds = cases.stream().map(c -> c.get()[0].toString().split("[/\\\\]")[0]).collect(Collectors.toCollection(TreeSet::new));

        assertThat(kinds).isEqualTo(new TreeSet<>(KINDS));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(120);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badInput_getsItsClearOutcome_neverA500NorAccess(String name, Path file) throws Exception {
        Map<String, Object> testCase = JSON.std.mapFrom(Files.readString(file));
        Map<?, ?> expect = (Map<?, ?>) testCase.get("expect");
        assertThat(testCase.get("why")).as("every case says why it is there").isInstanceOf(String.class);
        if (testCase.containsKey("request")) {
            apiCase(testCase, expect);
        } else if (testCase.containsKey("invoke")) {
            eventCase((Map<?, ?>) testCase.get("invoke"), expect);
        } else {
            uploadCase((Map<?, ?>) testCase.get("upload"), expect);
        }
    }

    private void apiCase(Map<String, Object> testCase, Map<?, ?> expect) throws Exception {
        Map<?, ?> request = (Map<?, ?>) testCase.get("request");
        if (testCase.get("after") instanceof String tagged) {
            api.awaitCatalogued(fill(tagged));
        }
        Optional<String> audited = Optional.ofNullable((String) expect.get("audited")).map(BadInputCorpusIntegrationTest::fill);
        Optional<String> unaudited = Optional.ofNullable((String) expect.get("unaudited")).map(BadInputCorpusIntegrationTest::fill);
        int trailBefore = audited.or(() -> unaudited).map(id -> api.trail(id).size()).orElse(0);

        HttpResponse<String> response = ApiStack.HTTP.send(httpRequest(request, token(testCase.get("as"))), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isNotEqualTo(500).isEqualTo(((Number) expect.get("status")).intValue());
        Map<String, Object> body = JSON.std.mapFrom(response.body());
        if (expect.containsKey("error")) {
            assertThat(body).as(response.body()).containsEntry("error", expect.get("error")).containsOnlyKeys("error", "message");
        }
        if (expect.containsKey("message")) {
            assertThat(body).as(response.body()).isEqualTo(Map.of("message", expect.get("message")));
        }
        if (expect.containsKey("contains")) {
            assertThat(response.body()).contains(fill((String) expect.get("contains")));
        }
        if (response.statusCode() >= 400) {
            assertThat(response.body()).doesNotContain("X-Amz-Signature", "recordingId");
        }
        if (audited.isPresent()) {
            List<AuditEvent> trail = api.trail(audited.get());
            assertThat(trail).as("one event for the request").hasSize(trailBefore + 1);
            assertThat(trail.get(trail.size() - 1).outcome()).isEqualTo(expect.containsKey("error") ? expect.get("error") : "allowed");
        }
        if (unaudited.isPresent()) {
            assertThat(api.trail(unaudited.get())).as("refused before any function ran").hasSize(trailBefore);
        }
    }

    private HttpRequest httpRequest(Map<?, ?> request, Optional<String> token) throws IOException {
        byte[] body = body(request);
        HttpRequest.BodyPublisher publisher = Boolean.TRUE.equals(request.get("chunked"))
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(api.runtime.apiEndpoint() + fill((String) request.get("path"))))
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .method((String) request.get("method"), publisher);
        token.ifPresent(t -> builder.header("authorization", t));
        if (body.length > 0 && !(request.get("headers") instanceof Map<?, ?> headers && headers.containsKey("content-type"))) {
            builder.header("content-type", "application/json");
        }
        if (request.get("headers") instanceof Map<?, ?> headers) {
            headers.forEach((header, value) -> builder.header((String) header, fill((String) value)));
        }
        return builder.build();
    }

    private static byte[] body(Map<?, ?> request) throws IOException {
        if (request.containsKey("body")) {
            return fill(JSON.std.asString(request.get("body"))).getBytes(StandardCharsets.UTF_8);
        }
        return request.containsKey("bodyText") ? fill((String) request.get("bodyText")).getBytes(StandardCharsets.UTF_8) : new byte[0];
    }

    /** @param as a named identity, a forged token's spec, or nothing for a request without a token */
    private static Optional<String> token(Object as) throws Exception {
        if (as == null) {
            return Optional.empty();
        }
        if (as instanceof String name) {
            assertThat(NAMED_TOKENS).containsKey(name);
            return Optional.of("Bearer " + NAMED_TOKENS.get(name));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) as;
        if (spec.get("raw") instanceof String raw) {
            return Optional.of(fill(raw));
        }
        return Optional.of("Bearer " + forged.token(spec));
    }

    private void eventCase(Map<?, ?> invoke, Map<?, ?> expect) throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        List<?> messages = (List<?>) invoke.get("messages");
        for (int i = 0; i < messages.size(); i++) {
            Object message = messages.get(i);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("messageId", "m" + i);
            record.put("receiptHandle", "r" + i);
            record.put("body", message instanceof String text ? fill(text) : fill(JSON.std.asString(message)));
            record.put("eventSource", "aws:sqs");
            record.put("awsRegion", "eu-west-2");
            records.add(record);
        }
        HttpResponse<String> response = ApiStack.HTTP.send(HttpRequest.newBuilder(
                                URI.create(api.runtime.apiEndpoint() + "/_local/functions/TagRecordingFunction/invocations"))
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.std.asString(Map.of("Records", records)))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<?> failures = (List<?>) JSON.std.mapFrom(response.body()).get("batchItemFailures");
        assertThat(failures.stream().map(f -> ((Map<?, ?>) f).get("itemIdentifier")).toList()).as(response.body())
                .isEqualTo(expect.get("failed"));
    }

    private static void upload(Map<?, ?> upload) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (upload.get("metadata") instanceof Map<?, ?> given) {
            given.forEach((name, value) -> metadata.put((String) name, fill((String) value)));
        }
        String content = upload.containsKey("content") ? (String) upload.get("content") : "wav";
        byte[] bytes = content.equals("wav") ? ApiStack.AUDIO : content.equals("empty") ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
        aws.clients().s3().putObject(b -> b.bucket(VALUES.get("bucket")).key(fill((String) upload.get("key"))).metadata(metadata),
                RequestBody.fromBytes(bytes));
    }

    /** The upload was made before the cases ran; its notification reaches the tagger as S3's would. */
    private void uploadCase(Map<?, ?> upload, Map<?, ?> expect) throws Exception {
        CatalogueEntry entry = api.awaitCatalogued(RecordingId.forKey(fill((String) upload.get("key"))));

        assertThat(entry.state().name()).isEqualTo(expect.get("state"));
        assertThat(entry.quarantineReason()).isEqualTo(expect.get("reason"));
        assertThat(entry.council()).isEqualTo(expect.get("council"));
        if (expect.containsKey("callerHashed")) {
            assertThat(entry.callerHash() != null).isEqualTo(expect.get("callerHashed"));
        }
        if (expect.get("listedFor") instanceof String dpo) {
            String query = entry.state() == RecordingState.QUARANTINED ? "quarantined=true" : "team=" + entry.team();
            HttpResponse<String> listing = ApiStack.HTTP.send(HttpRequest.newBuilder(api.api("/recordings?council=" + entry.council() + "&" + query))
                    .header("authorization", "Bearer " + NAMED_TOKENS.get(dpo)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
            assertThat(listing.body()).contains(entry.recordingId());
        }
    }

    /** The case's placeholders: {recording} and the other seeded ids, {bucket}, dates, and {repeat:text:times}. */
    private static String fill(String text) {
        Matcher repeat = REPEAT.matcher(text);
        StringBuilder repeated = new StringBuilder();
        while (repeat.find()) {
            repeat.appendReplacement(repeated, Matcher.quoteReplacement(repeat.group(1).repeat(Integer.parseInt(repeat.group(2)))));
        }
        repeat.appendTail(repeated);
        Matcher placeholder = PLACEHOLDER.matcher(repeated);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(VALUES.getOrDefault(placeholder.group(1), placeholder.group())));
        }
        placeholder.appendTail(filled);
        return filled.toString();
    }
}
