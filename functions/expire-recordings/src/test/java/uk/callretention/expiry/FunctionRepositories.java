package uk.callretention.expiry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.DynamoDbSweepProgress;
import uk.callretention.aws.RetentionRepositories;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;
import uk.callretention.retention.HoldService;
import uk.callretention.retention.Sweep;
import uk.callretention.testsupport.LocalAws;

/**
 * The expiry function's repositories over its own SDK clients, built as the function builds them (production retries,
 * timeouts and connection pool; its sweep's concurrency), so that {@code Faults} reaches every call they make.
 */
final class FunctionRepositories {

    final RetentionRepositories repositories;
    final DynamoDbSweepProgress progress;
    final PolicyBook policies;
    final int concurrency;

    FunctionRepositories(LocalAws aws) {
        Map<String, String> environment = aws.environmentOf(Recordings.FUNCTION);
        this.concurrency = ExpireRecordingsFactory.concurrency(environment);
        AwsClients clients = ExpireRecordingsFactory.clients(environment, concurrency);
        this.repositories = RetentionRepositories.fromEnvironment(clients.s3(), clients.dynamoDb(), environment);
        this.progress = new DynamoDbSweepProgress(clients.dynamoDb(), environment.get("SWEEP_STATE_TABLE"));
        this.policies = PolicyBook.bundled(environment);
    }

    /** The function's sweep on that clock, its log discarded. */
    Sweep sweep(Clock clock) {
        return repositories.sweep(progress, policies, new LogLine(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), clock), clock,
                concurrency);
    }

    /** Makes that day the oldest not yet swept, so that the next sweep starts there. */
    void sweepNextFrom(LocalDate day) {
        String setUp = "set-up-" + UUID.randomUUID();
        progress.claim(setUp, Instant.now(), Instant.now().plusSeconds(60));
        progress.release(setUp, day, true);
    }

    HoldService holdService(Clock clock) {
        return repositories.holdService(policies, clock);
    }
}
