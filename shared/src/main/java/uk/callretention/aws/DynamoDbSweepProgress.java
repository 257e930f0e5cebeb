package uk.callretention.aws;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import uk.callretention.retention.SweepProgress;

/**
 * The sweep's progress and claim as one item of the sweep-state table, keyed {@code sweepName = expire-recordings}:
 * {@code oldestNotSwept} (a UK date), {@code lastRunFinished} (false after a run that stopped at its deadline or
 * failed), and while a run holds it {@code claimedBy} (its run id) and {@code claimedUntil} (epoch milliseconds, a
 * number so that it compares as time).
 */
public final class DynamoDbSweepProgress implements SweepProgress {

    static final String SWEEP_NAME = "expire-recordings";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbSweepProgress(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Optional<LocalDate> oldestNotSwept() {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).key(key()).consistentRead(true)).item();
        return Optional.ofNullable(item.get("oldestNotSwept")).map(value -> LocalDate.parse(value.s()));
    }

    @Override
    public Position position(Instant now) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).key(key()).consistentRead(true)).item();
        boolean stoppedShort = item.containsKey("lastRunFinished") && !item.get("lastRunFinished").bool();
        boolean diedHoldingClaim = item.containsKey("claimedBy") && Long.parseLong(item.get("claimedUntil").n()) < now.toEpochMilli();
        return new Position(Optional.ofNullable(item.get("oldestNotSwept")).map(value -> LocalDate.parse(value.s())),
                stoppedShort || diedHoldingClaim);
    }

    @Override
    public boolean claim(String runId, Instant now, Instant until) {
        return update(b -> b.updateExpression("SET claimedBy = :run, claimedUntil = :until")
                .conditionExpression("attribute_not_exists(claimedBy) OR claimedUntil < :now")
                .expressionAttributeValues(Map.of(
                        ":run", AttributeValue.fromS(runId),
                        ":until", AttributeValue.fromN(Long.toString(until.toEpochMilli())),
                        ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())))));
    }

    @Override
    public void release(String runId, LocalDate oldestNotSwept, boolean finished) {
        update(b -> b.updateExpression("SET oldestNotSwept = :day, lastRunFinished = :finished REMOVE claimedBy, claimedUntil")
                .conditionExpression("claimedBy = :run")
                .expressionAttributeValues(Map.of(":run", AttributeValue.fromS(runId), ":day", AttributeValue.fromS(oldestNotSwept.toString()),
                        ":finished", AttributeValue.fromBool(finished))));
    }

    @Override
    public void abandon(String runId) {
        update(b -> b.updateExpression("SET lastRunFinished = :finished REMOVE claimedBy, claimedUntil")
                .conditionExpression("claimedBy = :run")
                .expressionAttributeValues(Map.of(":run", AttributeValue.fromS(runId), ":finished", AttributeValue.fromBool(false))));
    }

    /** A claim that ran out and was taken by another run is that run's now: this run's write is dropped. */
    private boolean update(Consumer<UpdateItemRequest.Builder> request) {
        try {
            dynamoDb.updateItem(b -> {
                b.tableName(tableName).key(key());
                request.accept(b);
            });
            return true;
        } catch (ConditionalCheckFailedException claimedElsewhere) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key() {
        return Map.of("sweepName", AttributeValue.fromS(SWEEP_NAME));
    }
}
