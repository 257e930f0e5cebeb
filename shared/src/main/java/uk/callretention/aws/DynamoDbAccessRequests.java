package uk.callretention.aws;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
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
import uk.callretention.access.AccessRequest;
import uk.callretention.access.AccessRequests;

/**
 * Access requests in DynamoDB, partitioned by recording: a recording's requests are one query. Each change of status
 * is a put conditional on the status it changes from, so a request is decided once and used once. A pending request
 * alone carries {@code pendingCouncil} and {@code pendingKey}, so the sparse index {@value #BY_COUNCIL_PENDING} holds
 * exactly the requests awaiting a decision: the put that decides one replaces the item without them.
 */
public final class DynamoDbAccessRequests implements AccessRequests {

    static final String BY_COUNCIL_PENDING = "byCouncilPending";

    private static final TableSchema<Row> SCHEMA = schema();
    /** Fixed width, so the index's text order is the order in time. */
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern PENDING_KEY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z/[A-Za-z0-9-]{1,100}");

    private final DynamoDbTable<Row> table;
    private final DynamoDbIndex<Row> byCouncilPending;

    public DynamoDbAccessRequests(DynamoDbClient dynamoDb, String tableName) {
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build().table(tableName, SCHEMA);
        this.byCouncilPending = table.index(BY_COUNCIL_PENDING);
    }

    @Override
    public void add(AccessRequest request) {
        table.putItem(PutItemEnhancedRequest.builder(Row.class).item(Row.from(request))
                .conditionExpression(Expression.builder().expression("attribute_not_exists(requestId)").build()).build());
    }

    @Override
    public Optional<AccessRequest> find(String recordingId, String requestId) {
        return Optional.ofNullable(table.getItem(get -> get.key(key(recordingId, requestId)).consistentRead(true))).map(Row::toRequest);
    }

    @Override
    public Optional<AccessRequest> approvedFor(String recordingId, String requester, String purpose) {
        return table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(recordingId).build()))
                        .consistentRead(true).build())
                .items().stream().map(Row::toRequest)
                .filter(r -> r.status() == AccessRequest.Status.APPROVED && r.requester().equals(requester) && r.purpose().equals(purpose))
                .findFirst();
    }

    @Override
    public boolean decide(AccessRequest decided) {
        return replaceIf(decided, AccessRequest.Status.PENDING);
    }

    @Override
    public PendingPage pending(String council, Predicate<AccessRequest> shown, int limit, Optional<String> pageToken) {
        QueryConditional partition = QueryConditional.keyEqualTo(Key.builder().partitionValue(council).build());
        QueryConditional conditional = pageToken.map(token -> SortKeyPageToken.sortKey(token, PENDING_KEY))
                .map(key -> QueryConditional.sortLessThan(Key.builder().partitionValue(council).sortValue(key).build()))
                .orElse(partition);
        List<Row> rows = byCouncilPending.query(QueryEnhancedRequest.builder().queryConditional(conditional).scanIndexForward(false).build())
                .stream().flatMap(page -> page.items().stream())
                .filter(row -> shown.test(row.toRequest()))
                .limit(limit + 1L)
                .toList();
        Optional<String> next = rows.size() > limit ? Optional.of(SortKeyPageToken.of(rows.get(limit - 1).pendingKey)) : Optional.empty();
        return new PendingPage(rows.stream().limit(limit).map(Row::toRequest).toList(), next);
    }

    @Override
    public boolean markUsed(AccessRequest used) {
        return replaceIf(used, AccessRequest.Status.APPROVED);
    }

    private boolean replaceIf(AccessRequest request, AccessRequest.Status from) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(Row.class).item(Row.from(request))
                    .conditionExpression(Expression.builder().expression("#status = :from")
                            .expressionNames(Map.of("#status", "status"))
                            .expressionValues(Map.of(":from", AttributeValue.fromS(from.name()))).build())
                    .build());
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }

    private static Key key(String recordingId, String requestId) {
        return Key.builder().partitionValue(recordingId).sortValue(requestId).build();
    }

    /** The stored form: instants as ISO text. */
    static final class Row {
        String recordingId;
        String requestId;
        String council;
        String team;
        String requester;
        String requesterName;
        String purpose;
        String reason;
        String reference;
        String status;
        String requestedAt;
        String decidedBy;
        String decidedAt;
        String decisionNote;
        String usedAt;
        String pendingCouncil;
        String pendingKey;

        static Row from(AccessRequest r) {
            Row row = new Row();
            row.recordingId = r.recordingId();
            row.requestId = r.requestId();
            row.council = r.council();
            row.team = r.team();
            row.requester = r.requester();
            row.requesterName = r.requesterName();
            row.purpose = r.purpose();
            row.reason = r.reason();
            row.reference = r.reference();
            row.status = r.status().name();
            row.requestedAt = text(r.requestedAt());
            row.decidedBy = r.decidedBy();
            row.decidedAt = text(r.decidedAt());
            row.decisionNote = r.decisionNote();
            row.usedAt = text(r.usedAt());
            if (r.status() == AccessRequest.Status.PENDING) {
                row.pendingCouncil = r.council();
                row.pendingKey = SORTABLE.format(r.requestedAt()) + "/" + r.requestId();
            }
            return row;
        }

        AccessRequest toRequest() {
            return new AccessRequest(recordingId, requestId, council, team, requester, requesterName, purpose, reason, reference,
                    AccessRequest.Status.valueOf(status), instant(requestedAt), decidedBy, instant(decidedAt), decisionNote, instant(usedAt));
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }

        private static Instant instant(String text) {
            return text == null ? null : Instant.parse(text);
        }
    }

    private static TableSchema<Row> schema() {
        var builder = StaticTableSchema.builder(Row.class).newItemSupplier(Row::new);
        builder.addAttribute(String.class, a -> a.name("recordingId").getter(r -> r.recordingId).setter((r, v) -> r.recordingId = v)
                .tags(primaryPartitionKey()));
        builder.addAttribute(String.class, a -> a.name("requestId").getter(r -> r.requestId).setter((r, v) -> r.requestId = v)
                .tags(primarySortKey()));
        text(builder, "council", r -> r.council, (r, v) -> r.council = v);
        text(builder, "team", r -> r.team, (r, v) -> r.team = v);
        text(builder, "requester", r -> r.requester, (r, v) -> r.requester = v);
        text(builder, "requesterName", r -> r.requesterName, (r, v) -> r.requesterName = v);
        text(builder, "purpose", r -> r.purpose, (r, v) -> r.purpose = v);
        text(builder, "reason", r -> r.reason, (r, v) -> r.reason = v);
        text(builder, "reference", r -> r.reference, (r, v) -> r.reference = v);
        text(builder, "status", r -> r.status, (r, v) -> r.status = v);
        text(builder, "requestedAt", r -> r.requestedAt, (r, v) -> r.requestedAt = v);
        text(builder, "decidedBy", r -> r.decidedBy, (r, v) -> r.decidedBy = v);
        text(builder, "decidedAt", r -> r.decidedAt, (r, v) -> r.decidedAt = v);
        text(builder, "decisionNote", r -> r.decisionNote, (r, v) -> r.decisionNote = v);
        text(builder, "usedAt", r -> r.usedAt, (r, v) -> r.usedAt = v);
        builder.addAttribute(String.class, a -> a.name("pendingCouncil").getter(r -> r.pendingCouncil).setter((r, v) -> r.pendingCouncil = v)
                .tags(secondaryPartitionKey(BY_COUNCIL_PENDING)));
        builder.addAttribute(String.class, a -> a.name("pendingKey").getter(r -> r.pendingKey).setter((r, v) -> r.pendingKey = v)
                .tags(secondarySortKey(BY_COUNCIL_PENDING)));
        return builder.build();
    }

    private static void text(StaticTableSchema.Builder<Row> builder, String name, Function<Row, String> getter, BiConsumer<Row, String> setter) {
        builder.addAttribute(String.class, a -> a.name(name).getter(getter).setter(setter));
    }
}
