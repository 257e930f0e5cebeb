package uk.callretention.tagging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;

/**
 * Registered for every SDK client in the test JVM (software/amazon/awssdk/global/handlers/execution.interceptors):
 * records each AWS call the function makes, by operation name, and can stop the function just before one call, as
 * a crash or a lost connection there would. It also keeps the prefix of each listing, for counting them by council,
 * and can make each call wait as long as AWS would take to answer, for benchmarks.
 */
public final class CallCounter implements ExecutionInterceptor {

    private static final List<String> CALLS = new CopyOnWriteArrayList<>();
    private static final List<String> LISTED_PREFIXES = new CopyOnWriteArrayList<>();
    private static final AtomicReference<String> FAIL_NEXT = new AtomicReference<>();
    private static final AtomicReference<Latency> LATENCY = new AtomicReference<>(new Latency(0, 0));

    /** How long each S3 call, and each call to another service, waits before it is sent. */
    record Latency(long s3Millis, long otherMillis) {
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (FAIL_NEXT.compareAndSet(operation, null)) {
            throw SdkClientException.create("injected failure before " + operation);
        }
        CALLS.add(operation);
        if (context.request() instanceof ListObjectVersionsRequest listing) {
            LISTED_PREFIXES.add(String.valueOf(listing.prefix()));
        }
        Latency latency = LATENCY.get();
        long wait = "S3".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)) ? latency.s3Millis() : latency.otherMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void reset() {
        CALLS.clear();
        LISTED_PREFIXES.clear();
        FAIL_NEXT.set(null);
    }

    static List<String> calls() {
        return List.copyOf(CALLS);
    }

    /** The prefix of each ListObjectVersions call since the last reset, a page's call each. */
    static List<String> listedPrefixes() {
        return List.copyOf(LISTED_PREFIXES);
    }

    static void latency(Latency latency) {
        LATENCY.set(latency);
    }

    /** The next call of that operation fails before it reaches AWS; the ones after it go through. */
    static void failNextCallTo(String operation) {
        FAIL_NEXT.set(operation);
    }
}
