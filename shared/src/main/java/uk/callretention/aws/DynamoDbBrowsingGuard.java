package uk.callretention.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import uk.callretention.access.BrowsingGuard;

/**
 * The browsing guard's places in DynamoDB: one item per person and place ({@code person}, {@code place} 0 to the
 * limit minus one) holding when its last link was issued ({@code issuedAt}, epoch milliseconds). A place is taken by
 * a put conditional on it being free, so of two requests racing for it one wins and the other tries another place:
 * the count can never pass the limit, where reading a count and then issuing let every racing request through.
 *
 * <p>The window slides: a place frees an hour after its link, not at the top of the hour, so no 60 minutes ever hold
 * more links than the limit (fixed hourly windows would allow twice the limit across a boundary). Each item expires by
 * TTL ({@code expiresAt}) once its window has passed, only to tidy people who stopped using the API; a place whose
 * item is still there but old is free all the same.
 */
public final class DynamoDbBrowsingGuard implements BrowsingGuard {

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbBrowsingGuard(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** Tries the places seen free, in random order so that racing requests spread over them rather than all fight for the first. */
    @Override
    public Place takePlace(String person, int places, Duration window, Instant at) {
        long freeIfIssuedBefore = at.minus(window).toEpochMilli();
        Map<Integer, Long> issued = issuedAt(person);
        List<Integer> free = new ArrayList<>(IntStream.range(0, places)
                .filter(place -> issued.getOrDefault(place, Long.MIN_VALUE) < freeIfIssuedBefore).boxed().toList());
        Collections.shuffle(free);
        for (int place : free) {
            if (take(person, place, at, window, freeIfIssuedBefore)) {
                return Place.TAKEN;
            }
        }
        return Place.full(freeFrom(free.isEmpty() ? issued : issuedAt(person), places, window, at));
    }

    /**
     * The first place to free is the one whose link is oldest; it is free a millisecond after its window ends. Places
     * lost to racing requests are read again, as the racers' links now hold them; a place freed meanwhile is free now.
     */
    private static Instant freeFrom(Map<Integer, Long> issued, int places, Duration window, Instant at) {
        long oldest = IntStream.range(0, places).mapToLong(place -> issued.getOrDefault(place, Long.MIN_VALUE)).min().orElse(Long.MIN_VALUE);
        return oldest == Long.MIN_VALUE ? at : latest(at, Instant.ofEpochMilli(oldest).plus(window).plusMillis(1));
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private Map<Integer, Long> issuedAt(String person) {
        Map<Integer, Long> issued = new HashMap<>();
        dynamoDb.queryPaginator(b -> b.tableName(tableName).consistentRead(true)
                        .keyConditionExpression("person = :person")
                        .expressionAttributeValues(Map.of(":person", AttributeValue.fromS(person))))
                .items().forEach(item -> issued.put(Integer.valueOf(item.get("place").n()), Long.valueOf(item.get("issuedAt").n())));
        return issued;
    }

    private boolean take(String person, int place, Instant at, Duration window, long freeIfIssuedBefore) {
        try {
            dynamoDb.putItem(b -> b.tableName(tableName)
                    .item(Map.of(
                            "person", AttributeValue.fromS(person),
                            "place", AttributeValue.fromN(Integer.toString(place)),
                            "issuedAt", AttributeValue.fromN(Long.toString(at.toEpochMilli())),
                            "expiresAt", AttributeValue.fromN(Long.toString(at.plus(window).getEpochSecond() + 1))))
                    .conditionExpression("attribute_not_exists(person) OR issuedAt < :freeIfIssuedBefore")
                    .expressionAttributeValues(Map.of(":freeIfIssuedBefore", AttributeValue.fromN(Long.toString(freeIfIssuedBefore)))));
            return true;
        } catch (ConditionalCheckFailedException takenMeanwhile) {
            return false;
        }
    }
}
