package uk.callretention.aws;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import uk.callretention.recording.CallerHash;

/**
 * The caller-hash key, which lives in Secrets Manager, never in code or configuration files. A function holds it only
 * while it serves requests: it is read when a request first needs it (never at initialisation, so it cannot be written
 * into a SnapStart snapshot), forgotten before a snapshot (its bytes zeroed), and read again when next needed, or at
 * once after a restore by a function whose usual request needs it ({@link SnapStartPriming}). A read
 * that fails fails the request that needed the key, saying so, and the next request that needs it tries again. Its
 * Secrets Manager client too is built when the key is first read: most of a function's requests never need the key.
 */
public final class CallerHashKey implements Supplier<byte[]> {

    private final Supplier<SecretsManagerClient> client;
    private final String secretArn;
    private SecretsManagerClient secrets;
    private byte[] key;

    /** @param client builds the Secrets Manager client, when the key is first read */
    public CallerHashKey(Supplier<SecretsManagerClient> client, String secretArn) {
        this.client = client;
        this.secretArn = secretArn;
    }

    /** The key read now, once: for tests and tools that hash as the functions do. */
    public static CallerHash load(SecretsManagerClient secrets, String secretArn) {
        return new CallerHash(new CallerHashKey(() -> secrets, secretArn).get());
    }

    /** A caller hash that asks this holder for the key at each use. */
    public CallerHash callerHash() {
        return CallerHash.keyedBy(this);
    }

    /**
     * The key's bytes, read from Secrets Manager if not held. The array itself is returned, not a copy, so that
     * {@link #forget()} zeroes the only copy this holder made; callers copy it at once (a {@code SecretKeySpec} does).
     */
    @Override
    public synchronized byte[] get() {
        if (key == null) {
            if (secrets == null) {
                secrets = client.get();
            }
            try {
                key = secrets.getSecretValue(b -> b.secretId(secretArn)).secretString().getBytes(StandardCharsets.UTF_8);
            } catch (SdkException e) {
                throw new Unavailable(e);
            }
        }
        return key;
    }

    /** Zeroes and drops the key: before a snapshot, so the snapshot cannot hold it. */
    public synchronized void forget() {
        if (key != null) {
            Arrays.fill(key, (byte) 0);
            key = null;
        }
    }

    /**
     * Reads the key on a thread of its own, after a restore, so the first request that needs it seldom waits: it waits
     * only for this read to finish, as {@link #get()} is synchronized. A failure here is left for that request to meet.
     */
    public void readInBackground() {
        Thread reader = new Thread(() -> {
            try {
                get();
            } catch (Unavailable e) {
                // the request that needs the key reads it again and fails, saying why, if it still cannot
            }
        }, "caller-hash-key");
        reader.setDaemon(true);
        reader.start();
    }

    /** The key could not be read: the request that needed it fails; the next one tries again. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(SdkException cause) {
            super("the caller-hash key could not be read from Secrets Manager (" + cause.getClass().getSimpleName()
                    + "); the next request that needs it tries again", cause);
        }
    }
}
