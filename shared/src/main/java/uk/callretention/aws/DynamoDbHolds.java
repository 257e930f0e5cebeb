package uk.callretention.aws;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import uk.callretention.policy.HoldReason;
import uk.callretention.retention.Hold;
import uk.callretention.retention.Holds;

/**
 * Holds in DynamoDB, partitioned by recording (a recording's holds are one query). The review index holds only
 * active holds, by council and review date, so the overdue ones are one query per council, and unfinished ones
 * (placing or releasing), sorted before every date under {@value #UNFINISHED}, so the sweep finds those left by a
 * request that stopped part way with one more query per council. The claim on a recording's holds is one more item
 * in the recording's partition, under a sort key no hold id has.
 */
public final class DynamoDbHolds implements Holds {

    public static final String BY_COUNCIL_REVIEW = "byCouncilReview";
    /** Sorts before any review date ('#' before '0'). */
    static final String UNFINISHED = "#unfinished#";
    private static final String HOLD_ID_PREFIX = "hold-";
    /** Sorts after {@value #UNFINISHED} and no later than any review date. */
    private static final String FIRST_DATE = "0";
    /** An active hold's index sort key: review date, recording id, hold id. */
    private static final Pattern ACTIVE_KEY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}#rec-[0-9a-f]{32}#hold-[0-9a-f-]{36}");
    private static final String CLAIM = "~claim";

    private static final TableSchema<Row> SCHEMA = schema();

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DynamoDbTable<Row> table;
    private final DynamoDbIndex<Row> byCouncilReview;

    public DynamoDbHolds(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build().table(tableName, SCHEMA);
        this.byCouncilReview = table.index(BY_COUNCIL_REVIEW);
    }

    @Override
    public void add(Hold placing) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(Row.class).item(Row.from(placing))
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(holdId)").build()).build());
        } catch (ConditionalCheckFailedException writtenAlready) {
            // A hold id is new to each request: the one stored is this hold, written by an attempt whose answer was lost.
        }
    }

    @Override
    public Optional<Hold> find(String recordingId, String holdId) {
        if (!holdId.startsWith(HOLD_ID_PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(recordingId).sortValue(holdId).build()).consistentRead(true)))
                .map(Row::toHold);
    }

    @Override
    public List<Hold> on(String recordingId) {
        return table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(Key.builder().partitionValue(recordingId).sortValue(HOLD_ID_PREFIX).build()))
                        .consistentRead(true).build())
                .items().stream().map(Row::toHold).sorted((a, b) -> a.placedAt().compareTo(b.placedAt())).toList();
    }

    @Override
    public boolean change(Hold read, Hold next) {
        // Holds written before holds had a status are active while they have no release time.
        String legacy = read.status() == Hold.Status.ACTIVE ? " OR (attribute_not_exists(#status) AND attribute_not_exists(releasedAt))" : "";
        try {
            // Changes to a recording's holds are made under its claim, so a hold already at the next status got there by
            // an earlier attempt of this same write, whose answer was lost.
            table.putItem(PutItemEnhancedRequest.builder(Row.class).item(Row.from(next))
                    .conditionExpression(Expression.builder().expression("#status IN (:read, :next)" + legacy)
                            .putExpressionName("#status", "status")
                            .putExpressionValue(":read", AttributeValue.fromS(read.status().name()))
                            .putExpressionValue(":next", AttributeValue.fromS(next.status().name())).build())
                    .build());
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }

    @Override
    public List<Hold> reviewOverdue(String council, LocalDate day) {
        return byCouncilReview.query(QueryConditional.sortLessThan(Key.builder().partitionValue(council).sortValue(day.toString()).build()))
                .stream().flatMap(page -> page.items().stream()).map(Row::toHold).filter(Hold::active).toList();
    }

    /**
     * Reads the index from the first date on, past the unfinished holds sorted before every date. The page token is the
     * index's sort key of the page's last hold, accepted only in that shape: a date, a recording id and a hold id, so it
     * cannot reach the unfinished holds; the council comes from the request alone, never from the token.
     */
    @Override
    public ActivePage active(String council, int limit, Optional<String> pageToken) {
        Key.Builder key = Key.builder().partitionValue(council);
        QueryConditional from = pageToken.map(token -> SortKeyPageToken.sortKey(token, ACTIVE_KEY))
                .map(after -> QueryConditional.sortGreaterThan(key.sortValue(after).build()))
                .orElseGet(() -> QueryConditional.sortGreaterThanOrEqualTo(key.sortValue(FIRST_DATE).build()));
        List<Row> rows = byCouncilReview.query(QueryEnhancedRequest.builder().queryConditional(from).limit(limit + 1).build())
                .stream().flatMap(page -> page.items().stream())
                .limit(limit + 1L)
                .toList();
        Optional<String> next = rows.size() > limit ? Optional.of(SortKeyPageToken.of(rows.get(limit - 1).reviewOnHold)) : Optional.empty();
        return new ActivePage(rows.stream().limit(limit).map(Row::toHold).toList(), next);
    }

    @Override
    public List<Hold> unfinished(String council) {
        return byCouncilReview.query(QueryConditional.sortBeginsWith(Key.builder().partitionValue(council).sortValue(UNFINISHED).build()))
                .stream().flatMap(page -> page.items().stream()).map(Row::toHold).toList();
    }

    @Override
    public boolean claim(String recordingId, String claimant, Instant now, Instant until) {
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(claimItem(recordingId, claimant, until))
                    // Our own claim is ours again: an attempt whose answer was lost wrote it.
                    .conditionExpression("attribute_not_exists(recordingId) OR claimedUntil < :now OR claimedBy = :claimant")
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                            ":claimant", AttributeValue.fromS(claimant))));
            return true;
        } catch (ConditionalCheckFailedException claimedByAnother) {
            return false;
        }
    }

    @Override
    public void endClaim(String recordingId, String claimant) {
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(claimItem(recordingId, claimant, Instant.EPOCH))
                    .conditionExpression("claimedBy = :claimant")
                    .expressionAttributeValues(Map.of(":claimant", AttributeValue.fromS(claimant))));
        } catch (ConditionalCheckFailedException claimRanOut) {
            // Someone else claimed it after ours ran out: theirs stands.
        }
    }

    private static Map<String, AttributeValue> claimItem(String recordingId, String claimant, Instant until) {
        return Map.of("recordingId", AttributeValue.fromS(recordingId), "holdId", AttributeValue.fromS(CLAIM),
                "claimedBy", AttributeValue.fromS(claimant), "claimedUntil", AttributeValue.fromN(Long.toString(until.toEpochMilli())));
    }

    /** The stored form; {@code activeCouncil} is set only while the hold is active or unfinished, which keeps the review index sparse. */
    static final class Row {
        String recordingId;
        String holdId;
        String council;
        String reason;
        String reference;
        String placedBy;
        String placedAt;
        String reviewOn;
        String releasedBy;
        String releasedAt;
        String status;
        String activeCouncil;
        String reviewOnHold;

        static Row from(Hold hold) {
            Row row = new Row();
            row.recordingId = hold.recordingId();
            row.holdId = hold.holdId();
            row.council = hold.council();
            row.reason = hold.reason().id();
            row.reference = hold.reference();
            row.placedBy = hold.placedBy();
            row.placedAt = hold.placedAt().toString();
            row.reviewOn = hold.reviewOn().toString();
            row.releasedBy = hold.releasedBy();
            row.releasedAt = hold.releasedAt() == null ? null : hold.releasedAt().toString();
            row.status = hold.status().name();
            row.activeCouncil = hold.active() || hold.status().unfinished() ? hold.council() : null;
            row.reviewOnHold = (hold.status().unfinished() ? UNFINISHED : hold.reviewOn() + "#") + hold.recordingId() + "#" + hold.holdId();
            return row;
        }

        Hold toHold() {
            return new Hold(recordingId, holdId, council, HoldReason.fromId(reason).orElseThrow(), reference, placedBy, Instant.parse(placedAt),
                    LocalDate.parse(reviewOn), releasedBy, releasedAt == null ? null : Instant.parse(releasedAt),
                    status != null ? Hold.Status.valueOf(status) : releasedAt == null ? Hold.Status.ACTIVE : Hold.Status.RELEASED);
        }
    }

    private static TableSchema<Row> schema() {
        var builder = StaticTableSchema.builder(Row.class).newItemSupplier(Row::new);
        builder.addAttribute(String.class, a -> a.name("recordingId").getter(r -> r.recordingId).setter((r, v) -> r.recordingId = v)
                .tags(primaryPartitionKey()));
        builder.addAttribute(String.class, a -> a.name("holdId").getter(r -> r.holdId).setter((r, v) -> r.holdId = v)
                .tags(primarySortKey()));
        builder.addAttribute(String.class, a -> a.name("activeCouncil").getter(r -> r.activeCouncil).setter((r, v) -> r.activeCouncil = v)
                .tags(secondaryPartitionKey(BY_COUNCIL_REVIEW)));
        builder.addAttribute(String.class, a -> a.name("reviewOnHold").getter(r -> r.reviewOnHold).setter((r, v) -> r.reviewOnHold = v)
                .tags(secondarySortKey(BY_COUNCIL_REVIEW)));
        text(builder, "council", r -> r.council, (r, v) -> r.council = v);
        text(builder, "reason", r -> r.reason, (r, v) -> r.reason = v);
        text(builder, "reference", r -> r.reference, (r, v) -> r.reference = v);
        text(builder, "placedBy", r -> r.placedBy, (r, v) -> r.placedBy = v);
        text(builder, "placedAt", r -> r.placedAt, (r, v) -> r.placedAt = v);
        text(builder, "reviewOn", r -> r.reviewOn, (r, v) -> r.reviewOn = v);
        text(builder, "releasedBy", r -> r.releasedBy, (r, v) -> r.releasedBy = v);
        text(builder, "releasedAt", r -> r.releasedAt, (r, v) -> r.releasedAt = v);
        text(builder, "status", r -> r.status, (r, v) -> r.status = v);
        return builder.build();
    }

    private static void text(StaticTableSchema.Builder<Row> builder, String name, Function<Row, String> getter, BiConsumer<Row, String> setter) {
        builder.addAttribute(String.class, a -> a.name(name).getter(getter).setter(setter));
    }
}
