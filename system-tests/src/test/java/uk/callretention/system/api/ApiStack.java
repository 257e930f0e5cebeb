package uk.callretention.system.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static uk.callretention.recording.CatalogueEntryBuilder.forKey;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import uk.callretention.audit.AuditEvent;
import uk.callretention.aws.CatalogueItem;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.local.LocalRuntime;
import uk.callretention.local.runtime.RuntimeOptions;
import uk.callretention.local.runtime.auth.LocalStaffTokens;
import uk.callretention.local.runtime.http.RouteAuthorizer;
import uk.callretention.local.template.FunctionDefinition;
import uk.callretention.local.template.Template;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;
import uk.callretention.testsupport.LocalAws;

/**
 * The project's template.yaml run by the local runtime on the test run's moto, with the function jars mvn package
 * built: the real HTTP path, the real JWT authorizer, the stack's own Cognito user pool issuing real signed tokens.
 */
final class ApiStack implements AutoCloseable {

    static final Path TEMPLATE = Path.of("..", "template.yaml");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A valid WAV: header and a tenth of a second of 8 kHz 16-bit mono silence, with a recognisable tail. */
    static final byte[] AUDIO = wav();

    final LocalRuntime runtime;
    final LocalAws aws;
    final LocalStaffTokens tokens;
    final DynamoDbAuditLog audit;
    private final DynamoDbTable<CatalogueItem> catalogue;

    private ApiStack(LocalRuntime runtime, LocalAws aws) {
        this.runtime = runtime;
        this.aws = aws;
        Map<String, String> ids = runtime.stack().physicalIds();
        this.tokens = new LocalStaffTokens(aws.clients().cognito(), ids.get("StaffUserPool"), ids.get("StaffUserPoolClient"));
        this.audit = new DynamoDbAuditLog(aws.clients().dynamoDb(), runtime.stack().tableName("AuditTable"));
        this.catalogue = DynamoDbEnhancedClient.builder().dynamoDbClient(aws.clients().dynamoDb()).build()
                .table(runtime.stack().tableName("CatalogueTable"), CatalogueItem.SCHEMA);
    }

    /** @param authorizer null for the runtime's own choice, as local/run makes it */
    static ApiStack start(LocalAws aws, RouteAuthorizer authorizer) {
        List<Path> unbuilt = Template.load(TEMPLATE).functions().values().stream().map(FunctionDefinition::codeUri).filter(Files::notExists).toList();
        assumeTrue(unbuilt.isEmpty(), "skipped: function jars not built yet (run mvn package): " + unbuilt);
        String stackName = "api" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        RuntimeOptions options = RuntimeOptions.forTemplate(TEMPLATE).withExistingAws(aws.endpoint()).withPorts(0, 0).withStackName(stackName)
                .withDataFolder(Path.of("target", "local-runtime", stackName)).withAuthorizer(authorizer);
        return new ApiStack(new LocalRuntime(options).start(), aws);
    }

    String token(String username, String... groups) {
        return tokens.accessToken(username + "-" + runtime.stack().stackName(), List.of(groups));
    }

    /** Uploads audio and catalogues it in the given state, as tagging (and a hold, quarantine or deletion) would leave it. */
    CatalogueEntry recording(String council, String team, RecordingState state) {
        String key = council + "/" + team + "/phone/2026/01/15/" + UUID.randomUUID() + ".wav";
        String bucket = runtime.stack().bucketName("RecordingsBucket");
        String versionId = aws.clients().s3().putObject(b -> b.bucket(bucket).key(key).contentType("binary/octet-stream"),
                RequestBody.fromBytes(AUDIO)).versionId();
        Instant recordedAt = Instant.parse("2026-01-15T10:00:00Z");
        CatalogueEntry entry = forKey(key).versionId(versionId).ordering("t1").state(state).council(council).team(team).channel("phone")
                .recordedAt(recordedAt).recordedOn(LocalDate.parse("2026-01-15")).retentionClass("P3M")
                .expiresOn(LocalDate.now(Clock.systemUTC()).plus(3, ChronoUnit.MONTHS)).policyRef(council + "@1")
                .callerHash("a".repeat(64)).agent("agent-1").direction("inbound").contentType("audio/wav").sizeBytes(AUDIO.length)
                .quarantineReason(state == RecordingState.QUARANTINED ? "date-mismatch" : null).cataloguedAt(Instant.now()).build();
        if (state == RecordingState.DELETED) {
            // A tombstone outlives every version; deleting first also leaves the upload's own event nothing to tag.
            aws.clients().s3().deleteObject(b -> b.bucket(bucket).key(key).versionId(versionId));
        }
        catalogue.putItem(CatalogueItem.from(entry));
        return entry;
    }

    /** The catalogue's item for the recording, read consistently, if there is one. */
    Optional<CatalogueEntry> catalogued(String recordingId) {
        return Optional.ofNullable(catalogue.getItem(r -> r.key(k -> k.partitionValue(recordingId)).consistentRead(true))).map(CatalogueItem::toEntry);
    }

    /** The upload's catalogue entry, once S3's notification has reached the tagger through the stack's queue. */
    CatalogueEntry awaitCatalogued(String recordingId) throws InterruptedException {
        for (int tries = 0; tries < 200; tries++) {
            Optional<CatalogueEntry> entry = catalogued(recordingId);
            if (entry.isPresent()) {
                return entry.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the upload was not catalogued within 20 seconds");
    }

    List<AuditEvent> trail(String recordingId) {
        return audit.trailOf(recordingId);
    }

    HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(api(pathAndQuery)).header("authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(api(path)).header("authorization", "Bearer " + token).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every version and delete marker left of the key. */
    List<String> versionsOf(String key) {
        var listing = aws.clients().s3().listObjectVersions(b -> b.bucket(runtime.stack().bucketName("RecordingsBucket")).prefix(key));
        return Stream.concat(listing.versions().stream().map(ObjectVersion::versionId), listing.deleteMarkers().stream().map(DeleteMarkerEntry::versionId)).toList();
    }

    URI api(String pathAndQuery) {
        return URI.create(runtime.apiEndpoint() + pathAndQuery);
    }

    static Map<String, Object> json(HttpResponse<String> response) throws IOException {
        Map<String, Object> body = JSON.std.mapFrom(response.body());
        assertThat(body).as("response body of %s", response.uri()).isNotNull();
        return body;
    }

    @Override
    public void close() {
        runtime.close();
    }

    private static byte[] wav() {
        int samples = 800;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        byte[] bytes = wav.array();
        bytes[bytes.length - 1] = 0x7f;
        return bytes;
    }
}
