package uk.callretention.playback;

import static uk.callretention.recording.CatalogueEntryBuilder.forKey;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import uk.callretention.aws.CatalogueItem;
import uk.callretention.local.aws.LocalAwsClients;
import uk.callretention.local.aws.MotoServer;
import uk.callretention.local.aws.ProvisionedStack;
import uk.callretention.local.aws.Provisioner;
import uk.callretention.local.runtime.function.FunctionSettings;
import uk.callretention.local.template.FunctionDefinition;
import uk.callretention.local.template.Template;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;

/**
 * Warm latency of the playback route, in-process: the handler as Lambda would call it, with the template's
 * environment, against moto on loopback (catalogue read, browsing-guard place taken, audit write, signing). A main, not a
 * test: run it from the repository's root (its argument is the template, template.yaml by default) with
 * {@code mvn -pl functions/playback-url test-compile exec:java -Dexec.mainClass=uk.callretention.playback.PlaybackUrlBenchmark -Dexec.classpathScope=test}.
 */
public final class PlaybackUrlBenchmark {

    private static final int WARM_UP = 200;
    private static final int MEASURED = 1000;

    private PlaybackUrlBenchmark() {
    }

    public static void main(String[] args) {
        Template template = Template.load(Path.of(args.length > 0 ? args[0] : "template.yaml"));
        try (MotoServer moto = MotoServer.start(0, Path.of(System.getProperty("java.io.tmpdir"), "playback-url-benchmark", "moto.log"));
             LocalAwsClients clients = LocalAwsClients.forEndpoint(moto.endpoint())) {
            ProvisionedStack stack = new Provisioner(clients, template, "bench" + UUID.randomUUID().toString().substring(0, 8), Map.of()).provision();
            FunctionDefinition function = template.functions().get("PlaybackUrlFunction");
            Map<String, String> environment = FunctionSettings.of(function, stack.intrinsics().pseudo())
                    .environment(stack.environmentOf(function), moto.endpoint());
            PlaybackUrlHandler handler = new PlaybackUrlHandler(
                    PlaybackUrlFactory.fromEnvironment(environment, new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8)));
            String recordingId = seed(clients, stack);

            for (int i = 0; i < WARM_UP; i++) {
                call(handler, recordingId);
            }
            long[] nanos = new long[MEASURED];
            for (int i = 0; i < MEASURED; i++) {
                long start = System.nanoTime();
                call(handler, recordingId);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf("playback route, warm, in-process against moto on loopback: %d requests after %d warm-up%n", MEASURED, WARM_UP);
            System.out.printf("p50 %.1f ms   p90 %.1f ms   p99 %.1f ms   max %.1f ms   mean %.1f ms%n", ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99),
                    nanos[MEASURED - 1] / 1e6, Arrays.stream(nanos).average().orElse(0) / 1e6);
            stack.delete();
        }
    }

    /** Each request by a different manager, as in a contact centre: one person's links stay far below the hourly limit. */
    private static void call(PlaybackUrlHandler handler, String recordingId) {
        int status = Invocations.status(handler.handleRequest(Invocations.apiEvent(PlaybackUrlHandler.PLAYBACK_URL,
                Map.of("sub", UUID.randomUUID().toString(), "cognito:groups", "[rutland:customer-services:manager]"), recordingId, null,
                "{\"purpose\":\"complaint\",\"reference\":\"CMP-1\"}"), Invocations.context()));
        if (status != 200) {
            throw new IllegalStateException("the playback route answered " + status);
        }
    }

    private static String seed(LocalAwsClients clients, ProvisionedStack stack) {
        String key = "rutland/customer-services/phone/2026/01/15/bench.wav";
        String versionId = clients.s3().putObject(b -> b.bucket(stack.bucketName("RecordingsBucket")).key(key),
                RequestBody.fromBytes("RIFF....WAVE".getBytes(StandardCharsets.US_ASCII))).versionId();
        CatalogueEntry entry = forKey(key).versionId(versionId).ordering("t1").state(RecordingState.ACTIVE).council("rutland").team("customer-services")
                .channel("phone").recordedAt(Instant.parse("2026-01-15T10:00:00Z")).recordedOn(LocalDate.parse("2026-01-15"))
                .retentionClass("P3M").expiresOn(LocalDate.parse("2026-04-15")).policyRef("rutland@1").contentType("audio/wav")
                .sizeBytes(12).cataloguedAt(Instant.now()).build();
        DynamoDbEnhancedClient.builder().dynamoDbClient(clients.dynamoDb()).build().table(stack.tableName("CatalogueTable"), CatalogueItem.SCHEMA)
                .putItem(CatalogueItem.from(entry));
        return entry.recordingId();
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1e6;
    }
}
