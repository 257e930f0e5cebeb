package uk.callretention.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.callretention.aws.PrimingHttpClient.Answer;

/** What the hooks do around a snapshot, in the order Lambda's runtime calls them. */
class SnapStartPrimingTest {

    private final PrimingHttpClient secrets = new PrimingHttpClient(Map.of("GetSecretValue",
            Answer.json("{\"SecretString\":\"0123456789abcdef0123456789abcdef\"}")));
    private final CallerHashKey key = new CallerHashKey(() -> SnapStartPriming.clients(Map.of("AWS_REGION", "eu-west-2"), secrets).secretsManager(),
            "arn:aws:secretsmanager:eu-west-2:123456789012:secret:caller-hash");

    @Test
    void beforeCheckpoint_makesTheUsualRequestThenForgetsTheKey() {
        List<String> done = new ArrayList<>();
        byte[] held = key.get();

        new SnapStartPriming(() -> done.add("usual request"), key).beforeCheckpoint(null);

        assertThat(done).containsExactly("usual request");
        assertThat(held).containsOnly(0);
    }

    @Test
    void beforeCheckpoint_whenTheUsualRequestFails_stillForgetsTheKeyAndLetsTheSnapshotBeTaken() {
        byte[] held = key.get();

        new SnapStartPriming(() -> {
            throw new IllegalStateException("priming answer missing");
        }, key).beforeCheckpoint(null);

        assertThat(held).containsOnly(0);
    }

    @Test
    void beforeCheckpoint_whenTheUsualRequestFails_stillMakesTheLoopbackRequest() {
        List<String> done = new ArrayList<>();

        new SnapStartPriming(() -> {
            throw new IllegalStateException("priming answer missing");
        }, () -> done.add("loopback request"), List.of(key), List.of(key)).beforeCheckpoint(null);

        assertThat(done).containsExactly("loopback request");
    }

    @Test
    void beforeCheckpoint_whenTheLoopbackRequestFails_stillForgetsTheKey() {
        byte[] held = key.get();

        new SnapStartPriming(() -> { }, () -> {
            throw new IllegalStateException("no loopback address");
        }, List.of(key), List.of(key)).beforeCheckpoint(null);

        assertThat(held).containsOnly(0);
    }

    @Test
    void afterRestore_readsTheKeyOnceWhetherTheFirstRequestOrTheBackgroundReadComesFirst() {
        new SnapStartPriming(() -> { }, key).afterRestore(null);

        assertThat(new String(key.get(), StandardCharsets.UTF_8)).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(secrets.answered()).containsExactly("GetSecretValue");
    }

    @Test
    void aKeyOnlyForgotten_isZeroedBeforeTheSnapshotAndLeftUnreadAfterARestore() {
        byte[] held = key.get();
        SnapStartPriming hooks = new SnapStartPriming(() -> { }).forgetting(key);

        hooks.beforeCheckpoint(null);
        hooks.afterRestore(null);

        assertThat(held).containsOnly(0);
        assertThat(secrets.answered()).as("read once, before the snapshot, and not again").containsExactly("GetSecretValue");
    }
}
