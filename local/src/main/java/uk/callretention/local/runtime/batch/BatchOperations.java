package uk.callretention.local.runtime.batch;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import uk.callretention.local.runtime.DaemonThreads;
import uk.callretention.local.runtime.function.LambdaFunction;

/**
 * S3 Batch Operations' jobs for the template's functions: CreateJob checks what it can at once and queues the job,
 * which runs in the background ({@link JobRunner}); DescribeJob and ListJobs read where jobs have got to. Jobs are
 * kept in memory, as everything else of the local stack is.
 */
public final class BatchOperations implements AutoCloseable {
    /** Lambda's ARN pattern, as CreateJob's FunctionArn accepts it: a name alone, a partial ARN or a full one, with an optional qualifier. */
    private static final Pattern FUNCTION_ARN = Pattern.compile(
            "(?:arn:aws[a-zA-Z-]*:lambda:)?(?:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d):)?(?:(\\d{12}):)?(?:function:)?([a-zA-Z0-9-_]+)(?::(\\$LATEST|[a-zA-Z0-9-_]+))?");

    private final S3Client s3;
    private final Collection<LambdaFunction> functions;
    private final String accountId;
    private final String region;
    private final Clock clock;
    private final JobRunner runner;
    private final ExecutorService executor;
    private final Map<String, BatchJob> jobs = new LinkedHashMap<>();
    private final Map<String, BatchJob> byClientToken = new LinkedHashMap<>();

    BatchOperations(S3Client s3, Collection<LambdaFunction> functions, String accountId, String region, Clock clock, JobRunner runner) {
        this.s3 = s3;
        this.functions = List.copyOf(functions);
        this.accountId = accountId;
        this.region = region;
        this.clock = clock;
        this.runner = runner;
        this.executor = Executors.newCachedThreadPool(new DaemonThreads("s3-batch-job"));
    }

    /** Jobs that retry a TemporaryFailure three times, 100 ms then 200 then 400 later, and log progress every 10 seconds. */
    public static BatchOperations of(S3Client s3, Collection<LambdaFunction> functions, String accountId, String region) {
        Clock clock = Clock.systemUTC();
        return new BatchOperations(s3, functions, accountId, region, clock,
                new JobRunner(s3, clock, Duration.ofSeconds(10), new LambdaTasks.Retries(4, Duration.ofMillis(100))));
    }

    String accountId() {
        return accountId;
    }

    String region() {
        return region;
    }

    /** @return the new job's id (or, for a ClientRequestToken already used with the same request, the earlier job's) */
    synchronized String create(JobSpec spec) throws BatchRequestException {
        if (spec.clientRequestToken() != null && byClientToken.containsKey(spec.clientRequestToken())) {
            BatchJob earlier = byClientToken.get(spec.clientRequestToken());
            if (!earlier.spec().equals(spec)) {
                throw new BatchRequestException(409, BatchRequestException.IDEMPOTENCY,
                        "ClientRequestToken " + spec.clientRequestToken() + " was used for a different CreateJob request (job " + earlier.id() + ")");
            }
            return earlier.id();
        }
        LambdaFunction function = function(spec.functionArn());
        if (spec.report().enabled()) {
            requireBucket(spec.report().bucket(), "Report.Bucket");
        }
        BatchJob job = new BatchJob(UUID.randomUUID().toString(), spec, clock.instant());
        jobs.put(job.id(), job);
        if (spec.clientRequestToken() != null) {
            byClientToken.put(spec.clientRequestToken(), job);
        }
        executor.execute(() -> runner.run(job, function));
        return job.id();
    }

    synchronized Optional<BatchJob.View> describe(String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).map(job -> job.view(clock.instant()));
    }

    /** Newest first, as ListJobs answers. */
    synchronized List<BatchJob.View> list() {
        return jobs.values().stream().map(job -> job.view(clock.instant()))
                .sorted((first, second) -> second.created().compareTo(first.created()))
                .toList();
    }

    private LambdaFunction function(String arn) throws BatchRequestException {
        Matcher matcher = FUNCTION_ARN.matcher(arn);
        if (!matcher.matches()) {
            throw BatchRequestException.badRequest("Operation.LambdaInvoke.FunctionArn " + arn + " is not a Lambda function ARN");
        }
        if (matcher.group(1) != null && !matcher.group(1).equals(region) || matcher.group(2) != null && !matcher.group(2).equals(accountId)) {
            throw BatchRequestException.badRequest("Operation.LambdaInvoke.FunctionArn " + arn + " is not in this stack's region " + region
                    + " and account " + accountId);
        }
        if (matcher.group(4) != null && !matcher.group(4).equals("$LATEST")) {
            throw BatchRequestException.badRequest("Operation.LambdaInvoke.FunctionArn " + arn + " names version or alias " + matcher.group(4)
                    + "; the local runtime runs only $LATEST");
        }
        String name = matcher.group(3);
        // the runtime names a function <stack>-<LogicalId>; the stack's own !GetAtt Function.Arn gives the logical id
        return functions.stream()
                .filter(function -> function.settings().functionName().equals(name) || function.settings().logicalId().equals(name))
                .findFirst()
                .orElseThrow(() -> BatchRequestException.badRequest("Operation.LambdaInvoke.FunctionArn " + arn + " names no function of the template;"
                        + " its functions are " + functions.stream().map(function -> function.settings().functionName()).toList()));
    }

    private void requireBucket(String bucket, String what) throws BatchRequestException {
        try {
            s3.headBucket(head -> head.bucket(bucket));
        } catch (NoSuchBucketException e) {
            throw BatchRequestException.badRequest(what + " " + bucket + " is not a bucket of the local S3");
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw BatchRequestException.badRequest(what + " " + bucket + " is not a bucket of the local S3");
            }
            throw e;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
