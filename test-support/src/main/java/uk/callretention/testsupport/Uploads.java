package uk.callretention.testsupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import uk.callretention.aws.CallerHashKey;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.aws.S3RecordingStore;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CallerHash;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.MetadataScrub;
import uk.callretention.recording.RecordingClassifier;
import uk.callretention.recording.RecordingStore;
import uk.callretention.recording.RecordingTagger;
import uk.callretention.recording.Upload;

/**
 * Uploads to a test class's recordings bucket, as a platform does, and tags them as the tag-recording function does
 * (its tagger over the test's own clients, never faulted): recordings to play back, hold, erase or race against.
 */
public final class Uploads {

    /** The first bytes of a WAV file: enough for the content check. */
    public static final byte[] WAV = "RIFF\u0024\0\0\0WAVEfmt \u0010\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final AtomicLong SEQUENCER = new AtomicLong(0x55AED6DCD90281L);
    private static final int DELIVERIES = 3;

    private final S3Client s3;
    private final String bucket;
    private final DynamoDbCatalogue catalogue;
    private final CallerHash callerHash;
    private final RecordingClassifier classifier;
    private final RecordingTagger tagger;

    public Uploads(LocalAws aws) {
        Map<String, String> environment = aws.environmentOf("TagRecordingFunction");
        this.s3 = aws.clients().s3();
        this.bucket = environment.get("RECORDINGS_BUCKET");
        this.catalogue = new DynamoDbCatalogue(aws.clients().dynamoDb(), environment.get("CATALOGUE_TABLE"));
        this.callerHash = CallerHashKey.load(aws.clients().secretsManager(), environment.get("CALLER_HASH_SECRET_ARN"));
        this.classifier = new RecordingClassifier(new RetentionSchedule(PolicyBook.bundled(environment), Clock.systemUTC())::decide, callerHash);
        this.tagger = tagger(UnaryOperator.identity());
    }

    /** The function's tagger, seeing the bucket through {@code view}: to hold it still between two of its steps. */
    public RecordingTagger tagger(UnaryOperator<RecordingStore> view) {
        RecordingStore store = view.apply(new S3RecordingStore(s3, bucket));
        return new RecordingTagger(store, catalogue, classifier, new MetadataScrub(store, catalogue, callerHash), Clock.systemUTC());
    }

    /**
     * A view for {@link #tagger}: the bucket as a tagger sees it that, after each call of {@code operation} (a
     * {@link RecordingStore} method), counts {@code reached} down and waits for {@code goOn}, for at most 30 seconds.
     */
    public static UnaryOperator<RecordingStore> pausedAfter(String operation, CountDownLatch reached, CountDownLatch goOn) {
        return store -> (RecordingStore) Proxy.newProxyInstance(RecordingStore.class.getClassLoader(), new Class<?>[] {RecordingStore.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals(operation)) {
                        reached.countDown();
                        goOn.await(30, TimeUnit.SECONDS);
                    }
                    return result;
                });
    }

    /** The upload and its notification as S3 sends it, with a sequencer that orders it after every earlier upload. */
    public Upload upload(String key, Map<String, String> metadata) {
        return upload(key, WAV, metadata);
    }

    /** {@link #upload(String, Map)} of these bytes: a whole recording, for code that reads it. */
    public Upload upload(String key, byte[] content, Map<String, String> metadata) {
        String versionId = s3.putObject(b -> b.bucket(bucket).key(key).metadata(metadata), RequestBody.fromBytes(content)).versionId();
        return new Upload(bucket, key, Optional.of(versionId), Optional.of(String.format("%018X", SEQUENCER.incrementAndGet())));
    }

    /** Tags the upload, delivering its notification again after a failure as SQS does, a few times; the catalogue's entry after. */
    public CatalogueEntry tag(Upload upload) {
        RuntimeException last = null;
        for (int delivery = 0; delivery < DELIVERIES; delivery++) {
            try {
                return tagger.tag(upload).entry();
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    /** A new recording: uploaded and tagged. */
    public CatalogueEntry tagged(String key, Map<String, String> metadata) {
        return tag(upload(key, metadata));
    }
}
