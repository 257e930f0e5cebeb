package uk.callretention.system.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static uk.callretention.systemtests.local.TestRuntimes.eventually;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.s3.S3Client;
import uk.callretention.aws.CatalogueItem;
import uk.callretention.local.LocalRuntime;
import uk.callretention.local.aws.LocalAwsClients;
import uk.callretention.local.runtime.RuntimeOptions;
import uk.callretention.local.runtime.auth.LocalStaffTokens;
import uk.callretention.local.runtime.auth.StaffMember;
import uk.callretention.local.template.FunctionDefinition;
import uk.callretention.local.template.Template;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingId;

/**
 * The project's template.yaml run by one local runtime, as {@code ./local/run} runs it, shared by every console test
 * class of the JVM (see {@link ConsoleExtension}): the console on the API's port, the real API and authorizer, the
 * stack's own user pool. Tests upload recordings as a contact-centre platform would, with S3.
 */
public final class ConsoleStack implements AutoCloseable {
    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    /** From upload to catalogue: S3 event, queue, tagger; generous for a loaded machine, and only ever waited out on failure. */
    private static final Duration CATALOGUED_WITHIN = Duration.ofSeconds(60);

    private final LocalRuntime runtime;
    private final LocalAwsClients clients;
    private final DynamoDbTable<CatalogueItem> catalogue;
    private final LocalStaffTokens tokens;

    private ConsoleStack(LocalRuntime runtime, LocalAwsClients clients) {
        this.runtime = runtime;
        this.clients = clients;
        this.catalogue = DynamoDbEnhancedClient.builder().dynamoDbClient(clients.dynamoDb()).build()
                .table(runtime.stack().tableName("CatalogueTable"), CatalogueItem.SCHEMA);
        Map<String, String> ids = runtime.stack().physicalIds();
        this.tokens = new LocalStaffTokens(clients.cognito(), ids.get("StaffUserPool"), ids.get("StaffUserPoolClient"));
    }

    static ConsoleStack start(URI aws) {
        List<Path> unbuilt = Template.load(TEMPLATE).functions().values().stream().map(FunctionDefinition::codeUri).filter(Files::notExists).toList();
        assumeTrue(unbuilt.isEmpty(), "skipped: function jars not built yet (run mvn package): " + unbuilt);
        String stackName = "console" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        RuntimeOptions options = RuntimeOptions.forTemplate(TEMPLATE).withExistingAws(aws).withPorts(0, 0).withStackName(stackName)
                .withDataFolder(Path.of("target", "local-runtime", stackName));
        LocalAwsClients clients = LocalAwsClients.forEndpoint(aws);
        try {
            return new ConsoleStack(new LocalRuntime(options).start(), clients);
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    /** The console's address: {@code http://127.0.0.1:<api port>/}. */
    public URI url() {
        return runtime.consoleUrl();
    }

    /** The API, for checks behind the page's back: {@code api("/recordings?council=rutland")}. */
    public URI api(String pathAndQuery) {
        return URI.create(runtime.apiEndpoint() + pathAndQuery);
    }

    public S3Client s3() {
        return clients.s3();
    }

    public String recordingsBucket() {
        return runtime.stack().bucketName("RecordingsBucket");
    }

    public LocalRuntime runtime() {
        return runtime;
    }

    /**
     * Uploads a recording as a platform does and waits until the tagger has catalogued it (quarantined counts).
     *
     * @param key      {@code <council>/<team>/<channel>/<yyyy>/<mm>/<dd>/<call id>.<ext>}; use a unique call id per test
     * @param metadata S3 user metadata without the {@code x-amz-meta-} prefix: {@code recorded-at} (an instant on the key's
     *                 UK day), and as the test needs {@code caller}, {@code agent}, {@code direction}
     * @return the recording id the API and the console use
     */
    public String upload(String key, byte[] bytes, Map<String, String> metadata) {
        s3().putObject(put -> put.bucket(recordingsBucket()).key(key).metadata(metadata), RequestBody.fromBytes(bytes));
        String recordingId = RecordingId.forKey(key);
        eventually(CATALOGUED_WITHIN, "the catalogue to list " + key, () -> catalogued(recordingId));
        return recordingId;
    }

    /** The catalogue's entry, read consistently: what the API answers from. */
    public Optional<CatalogueEntry> catalogued(String recordingId) {
        return Optional.ofNullable(catalogue.getItem(get -> get.key(k -> k.partitionValue(recordingId)).consistentRead(true)))
                .map(CatalogueItem::toEntry);
    }

    /** A real token from the stack's user pool for the API, as the local sign-in page gets one; team null for a DPO. */
    public String token(String council, String team, String role) {
        StaffMember member = new StaffMember(council, team == null ? StaffMember.EVERY_TEAM : team, role);
        return tokens.accessToken(member.username(), List.of(member.group()));
    }

    @Override
    public void close() {
        try {
            runtime.close();
        } finally {
            clients.close();
        }
    }
}
