package uk.callretention.bench.naive.expiry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import uk.callretention.aws.DynamoDbSweepProgress;
import uk.callretention.aws.RetentionRepositories;
import uk.callretention.bench.naive.NaivePolicies;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.retention.Sweep;
import uk.callretention.retention.SweepReport;

/**
 * The benchmark's baseline for expire-recordings' scheduled sweep ({@code {"mode": "sweep"}}), not product code: the
 * project's {@link Sweep} and repositories, so the same S3 and DynamoDB requests, written the way most samples write a
 * handler: clients from {@code create()} (the SDK's Apache client with its default pool, its default credential and
 * region chains), the policies parsed from their YAML files with SnakeYAML ({@link NaivePolicies}). It builds only the
 * sweep, as a sample for one schedule would; its repositories are the project's, static schemas included.
 */
public class NaiveExpireRecordingsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final S3Client s3 = S3Client.create();
    private final DynamoDbClient dynamoDb = DynamoDbClient.create();
    private final Clock clock = Clock.systemUTC();
    private final Sweep sweep;

    public NaiveExpireRecordingsHandler() {
        PolicyBook policies = NaivePolicies.load(System.getenv());
        RetentionRepositories repositories = RetentionRepositories.fromEnvironment(s3, dynamoDb, System.getenv());
        sweep = repositories.sweep(new DynamoDbSweepProgress(dynamoDb, System.getenv("SWEEP_STATE_TABLE")), policies, new LogLine(System.out, clock),
                clock, Integer.parseInt(System.getenv("SWEEP_CONCURRENCY")));
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        SweepReport report = sweep.run(LocalDate.now(clock.withZone(RetentionSchedule.UK)), Boolean.TRUE.equals(input.get("dryRun")),
                () -> context.getRemainingTimeInMillis() < 90_000);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", report.status().name());
        answer.put("from", String.valueOf(report.from()));
        answer.put("to", String.valueOf(report.to()));
        answer.put("itemsRead", report.itemsRead());
        answer.put("deleted", report.deleted());
        answer.put("failed", report.failed());
        return answer;
    }
}
