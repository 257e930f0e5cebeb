package uk.callretention.console;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import uk.callretention.observability.LogLine;

/**
 * The ConsoleSite custom resource's provider: on Create and Update publishes the console and its config.json to the
 * console bucket, on Delete removes them. It always answers CloudFormation, SUCCESS or FAILED with a reason, before
 * Lambda's timeout: the work gets the time left less {@link #ANSWER_MARGIN}, and is given up as failed after it.
 *
 * <p>The physical id names the bucket, so it stays the same while the bucket does: CloudFormation sends Delete for the
 * old id only when the bucket itself was replaced, and that Delete empties the old bucket, not the new one.
 */
public final class PublishConsoleHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** Time kept back for answering: every attempt's connect and read timeouts, with room to spare. */
    static final Duration ANSWER_MARGIN = CloudFormationAnswer.CONNECT_TIMEOUT.plus(CloudFormationAnswer.READ_TIMEOUT)
            .multipliedBy(CloudFormationAnswer.ATTEMPTS).plusSeconds(5);

    private final PublishedSite site;
    private final SitePublisher publisher;
    private final LogLine log;
    // Daemon threads: work given up at the deadline must not keep the runtime from freezing or exiting.
    private final ExecutorService worker = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "publish-console");
        thread.setDaemon(true);
        return thread;
    });

    /** Lambda's constructor. */
    public PublishConsoleHandler() {
        this(System.getenv());
    }

    /** The local runtime's and tests' constructor: the environment the template gives the function. */
    public PublishConsoleHandler(Map<String, String> environment) {
        this(PublishConsoleFactory.fromEnvironment(environment, System.out));
    }

    PublishConsoleHandler(PublishConsoleFactory factory) {
        this.site = factory.site();
        this.publisher = factory.publisher();
        this.log = factory.log();
    }

    /** @return the answer sent to CloudFormation */
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        CloudFormationRequest request = CloudFormationRequest.from(event);
        String physicalId = physicalId(request);
        Map<String, Object> answer;
        Future<Map<String, Object>> work = worker.submit(() -> carryOut(request, physicalId));
        long budget = Math.max(0, context.getRemainingTimeInMillis() - ANSWER_MARGIN.toMillis());
        try {
            answer = work.get(budget, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            work.cancel(true);
            answer = failed(request, physicalId, "did not finish within " + Duration.ofMillis(budget).toSeconds() + " s; nothing more was done", e);
        } catch (ExecutionException e) {
            answer = failed(request, physicalId, reason(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = failed(request, physicalId, "interrupted", e);
        }
        try {
            CloudFormationAnswer.send(request.responseUrl(), answer);
        } catch (IOException e) {
            // Nothing more can be done: CloudFormation times the resource out itself.
            log.error("console publication answer not delivered", Map.of("requestType", request.requestType(), "logicalResourceId",
                    request.logicalResourceId(), "requestId", context.getAwsRequestId(), "error", e.getClass().getSimpleName()));
        }
        return answer;
    }

    private Map<String, Object> carryOut(CloudFormationRequest request, String physicalId) {
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("requestType", request.requestType(), "logicalResourceId", request.logicalResourceId()));
        switch (request.requestType()) {
            case CloudFormationRequest.CREATE, CloudFormationRequest.UPDATE -> {
                String bucket = PublishedSite.bucket(request.properties());
                List<SiteFile> files = site.files(request.properties());
                List<String> removed = publisher.publish(bucket, files);
                fields.putAll(Map.of("bucket", bucket, "filesPublished", files.size(), "filesRemoved", removed.size()));
                log.info("console published", fields);
                return CloudFormationAnswer.success(request, physicalId, "published " + files.size() + " files to " + bucket, Map.of("Bucket", bucket));
            }
            case CloudFormationRequest.DELETE -> {
                String bucket = PublishedSite.bucket(request.properties());
                int removed = publisher.remove(bucket);
                fields.putAll(Map.of("bucket", bucket, "filesRemoved", removed));
                log.info("console removed", fields);
                return CloudFormationAnswer.success(request, physicalId, "removed " + removed + " files from " + bucket, Map.of());
            }
            default -> throw new IllegalArgumentException("unknown RequestType " + request.requestType() + "; expected Create, Update or Delete");
        }
    }

    private Map<String, Object> failed(CloudFormationRequest request, String physicalId, String reason, Throwable cause) {
        log.error("console publication failed", Map.of("requestType", request.requestType(), "logicalResourceId", request.logicalResourceId(),
                "reason", reason, "error", cause.getClass().getSimpleName()));
        return CloudFormationAnswer.failure(request, physicalId, request.requestType() + " of the console failed: " + reason);
    }

    /** Known failures in words; anything else by its type alone, the log carrying the rest. */
    private static String reason(Throwable failure) {
        if (failure instanceof IllegalArgumentException || failure instanceof IllegalStateException) {
            return failure.getMessage();
        }
        if (failure instanceof S3Exception s3) {
            return "S3 refused a request (" + s3.awsErrorDetails().errorCode() + ", HTTP " + s3.statusCode() + ")";
        }
        if (failure instanceof SdkException) {
            return "S3 could not be reached (" + failure.getClass().getSimpleName() + ")";
        }
        return "unexpected " + failure.getClass().getSimpleName() + "; see the function's log";
    }

    /**
     * Named after the bucket: a Create or Update into another bucket gets a new id, so CloudFormation then sends Delete
     * for the old one, with the old bucket. A Delete keeps the id it is sent; a request naming no bucket keeps its own.
     */
    private static String physicalId(CloudFormationRequest request) {
        Object bucket = request.properties().get("Bucket");
        if (request.requestType().equals(CloudFormationRequest.DELETE) || bucket == null) {
            return request.physicalResourceId() != null ? request.physicalResourceId() : request.logicalResourceId();
        }
        return "console-site-" + bucket;
    }
}
