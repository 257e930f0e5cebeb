package uk.callretention.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.callretention.aws.PrimingHttpClient.Answer;
import uk.callretention.recording.CallerHash;

/** The caller-hash key read when first needed, forgotten before a snapshot, read again after, over a Secrets Manager that answers from a table. */
class CallerHashKeyTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String ARN = "arn:aws:secretsmanager:eu-west-2:123456789012:secret:caller-hash";

    @Test
    void get_whenAskedTwice_readsTheSecretOnceThenHoldsIt() {
        PrimingHttpClient secrets = secretsAnswering(Answer.json("{\"SecretString\":\"" + SECRET + "\"}"));
        CallerHashKey key = new CallerHashKey(() -> SnapStartPriming.clients(Map.of("AWS_REGION", "eu-west-2"), secrets).secretsManager(), ARN);
        assertThat(secrets.answered()).as("nothing read until asked").isEmpty();

        key.get();
        byte[] held = key.get();

        assertThat(held).isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(secrets.answered()).containsExactly("GetSecretValue");
    }

    @Test
    void forget_zeroesTheKeyHeldAndTheNextUseReadsItAgain() {
        PrimingHttpClient secrets = secretsAnswering(Answer.json("{\"SecretString\":\"" + SECRET + "\"}"));
        CallerHashKey key = new CallerHashKey(() -> SnapStartPriming.clients(Map.of("AWS_REGION", "eu-west-2"), secrets).secretsManager(), ARN);
        byte[] held = key.get();

        key.forget();

        assertThat(held).containsOnly(0);
        assertThat(key.get()).isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(secrets.answered()).containsExactly("GetSecretValue", "GetSecretValue");
    }

    @Test
    void callerHash_hashesWithTheKeyReadWhenFirstUsed() {
        PrimingHttpClient secrets = secretsAnswering(Answer.json("{\"SecretString\":\"" + SECRET + "\"}"));
        CallerHashKey key = new CallerHashKey(() -> SnapStartPriming.clients(Map.of("AWS_REGION", "eu-west-2"), secrets).secretsManager(), ARN);
        CallerHash hash = key.callerHash();
        assertThat(secrets.answered()).isEmpty();

        assertThat(hash.of("01572 722577")).isEqualTo(new CallerHash(SECRET.getBytes(StandardCharsets.UTF_8)).of("01572 722577"));
        key.forget();
        assertThat(hash.of("01572 722577")).as("read again after being forgotten").isEqualTo(new CallerHash(SECRET.getBytes(StandardCharsets.UTF_8))
                .of("01572 722577"));
        assertThat(secrets.answered()).hasSize(2);
    }

    @Test
    void get_whenTheSecretCannotBeRead_failsSayingSoAndTheNextUseTriesAgain() {
        PrimingHttpClient secrets = secretsAnswering(new Answer(400, Map.of(),
                "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no such secret\"}".getBytes(StandardCharsets.UTF_8)));
        CallerHashKey key = new CallerHashKey(() -> SnapStartPriming.clients(Map.of("AWS_REGION", "eu-west-2"), secrets).secretsManager(), ARN);

        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThatThrownBy(key::get).isInstanceOf(CallerHashKey.Unavailable.class)
                    .hasMessage("the caller-hash key could not be read from Secrets Manager (ResourceNotFoundException); "
                            + "the next request that needs it tries again");
        }
        assertThat(secrets.answered()).containsExactly("GetSecretValue", "GetSecretValue");
    }

    private static PrimingHttpClient secretsAnswering(Answer answer) {
        return new PrimingHttpClient(Map.of("GetSecretValue", answer));
    }
}
