package uk.callretention.aws;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditChain;
import uk.callretention.audit.AuditDays;
import uk.callretention.audit.AuditEntry;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditEventsByDay;
import uk.callretention.audit.AuditLog;
import uk.callretention.audit.ChainHead;
import uk.callretention.audit.ChainLink;
import uk.callretention.audit.StoredAuditEvent;
import uk.callretention.audit.StoredTrail;
import uk.callretention.policy.RetentionSchedule;

/**
 * The audit trail in DynamoDB: partitioned by subject, so a recording's whole trail is one query.
 *
 * <p>Each subject's events form a hash chain ({@link AuditChain}). The chain's head (last sequence number, hash and a
 * copy of the last event) is one more item in the subject's partition, under the sort key {@value #HEAD}. A writer
 * first moves the head to its event, conditional on the head being the one the event was chained to, so two writers
 * that read the same head cannot both follow it (the loser gets the new head back and tries again); then it writes
 * the event's item. A crash between the two leaves the event in the head, and the next writer about that subject
 * writes it. Single-item conditional writes only: no transaction. Chains are per subject, so writers about different
 * recordings never wait for each other. A sparse index by UK day and shard
 * ({@value #BY_DAY}) lets the daily digest and the daily statistics read one day's events without scanning the table.
 */
public final class DynamoDbAuditLog implements AuditLog, AuditDays, AuditEventsByDay {

    public static final String BY_DAY = "byDay";
    /** Spreads a day's events over this many index partitions, far below DynamoDB's write limit per partition. */
    static final int DAY_SHARDS = 16;
    static final String HEAD = "~head";
    /** The most keys one BatchGetItem call takes. */
    private static final int BATCH_GET_LIMIT = 100;
    /**
     * Each attempt that loses to another writer is one conditional write; with 16 writers about one subject at once,
     * the chance of losing this many in a row is below one in a million.
     */
    private static final int MAX_ATTEMPTS = 250;

    private static final TableSchema<Row> SCHEMA = schema();

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DynamoDbTable<Row> table;
    private final DynamoDbIndex<Row> byDay;

    public DynamoDbAuditLog(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build().table(tableName, SCHEMA);
        this.byDay = table.index(BY_DAY);
    }

    @Override
    public void record(AuditEvent event) {
        Map<String, AttributeValue> eventKey = key(event.subject(), Row.occurredAtId(event));
        Map<String, AttributeValue> headKey = key(event.subject(), HEAD);
        Map<String, AttributeValue> head = null;
        for (Map<String, AttributeValue> item : consistentlyRead(eventKey, headKey)) {
            if (!HEAD.equals(item.get("occurredAtId").s())) {
                // A retried write of the same event: the first one stands.
                return;
            }
            head = item;
        }
        if (head != null && head.containsKey("lastEvent") && keyOf(head.get("lastEvent").m()).equals(eventKey)) {
            // A retried write whose first attempt moved the head and stopped before writing the event.
            putIfAbsent(head.get("lastEvent").m());
            return;
        }
        for (int attempt = 1; ; attempt++) {
            ChainLink link = head == null ? AuditChain.first(event) : headOf(head).next(event);
            Map<String, AttributeValue> item = SCHEMA.itemToMap(Row.from(event, link), true);
            try {
                Map<String, AttributeValue> expected = head;
                dynamoDb.updateItem(update -> update.tableName(tableName).key(headKey)
                        .updateExpression("SET chainSeq = :next, chainHash = :hash, lastEvent = :event")
                        .conditionExpression(expected == null ? "attribute_not_exists(chainSeq)" : "chainSeq = :current")
                        .expressionAttributeValues(headValues(expected, link, item))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            } catch (ConditionalCheckFailedException anotherWriterMovedTheHead) {
                if (attempt == MAX_ATTEMPTS) {
                    throw anotherWriterMovedTheHead;
                }
                head = anotherWriterMovedTheHead.hasItem() ? anotherWriterMovedTheHead.item() : null;
                if (head != null && head.containsKey("lastEvent") && keyOf(head.get("lastEvent").m()).equals(eventKey)) {
                    // An earlier attempt moved the head and its answer was lost (the SDK retried it): the place is ours.
                    putIfAbsent(head.get("lastEvent").m());
                    return;
                }
                pause();
                continue;
            }
            if (head != null && head.containsKey("lastEvent")) {
                ensureWritten(head.get("lastEvent").m());
            }
            putIfAbsent(item);
            return;
        }
    }

    /** The event's item and the chain's head, as they are now; either may be missing. */
    private List<Map<String, AttributeValue>> consistentlyRead(Map<String, AttributeValue> eventKey, Map<String, AttributeValue> headKey) {
        return itemsOf(KeysAndAttributes.builder().keys(eventKey, headKey).consistentRead(true).build());
    }

    /** The items of those keys that exist, asking again for any DynamoDB left unprocessed. */
    private List<Map<String, AttributeValue>> itemsOf(KeysAndAttributes keys) {
        Map<String, KeysAndAttributes> request = Map.of(tableName, keys);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> asked = request;
            BatchGetItemResponse response = dynamoDb.batchGetItem(batch -> batch.requestItems(asked));
            items.addAll(response.responses().getOrDefault(tableName, List.of()));
            request = response.unprocessedKeys();
        }
        return items;
    }

    /**
     * The head keeps a copy of its last event, so that a writer that stopped between moving the head and writing its
     * event loses nothing: whoever moves the head next writes that event first, if it is not there.
     */
    private void ensureWritten(Map<String, AttributeValue> item) {
        if (!dynamoDb.getItem(get -> get.tableName(tableName).key(keyOf(item)).consistentRead(true).projectionExpression("subject")).hasItem()) {
            putIfAbsent(item);
        }
    }

    private void putIfAbsent(Map<String, AttributeValue> item) {
        try {
            dynamoDb.putItem(put -> put.tableName(tableName).item(item).conditionExpression("attribute_not_exists(subject)"));
        } catch (ConditionalCheckFailedException alreadyWritten) {
            // Written by a writer that found this event in the head: the same item.
        }
    }

    private static ChainHead headOf(Map<String, AttributeValue> head) {
        return new ChainHead(Long.parseLong(head.get("chainSeq").n()), head.get("chainHash").s());
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return key(item.get("subject").s(), item.get("occurredAtId").s());
    }

    private static Map<String, AttributeValue> key(String subject, String occurredAtId) {
        return Map.of("subject", AttributeValue.fromS(subject), "occurredAtId", AttributeValue.fromS(occurredAtId));
    }

    private static Map<String, AttributeValue> headValues(Map<String, AttributeValue> head, ChainLink link, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":next", AttributeValue.fromN(Long.toString(link.sequence())));
        values.put(":hash", AttributeValue.fromS(link.hash()));
        values.put(":event", AttributeValue.fromM(item));
        if (head != null) {
            values.put(":current", head.get("chainSeq"));
        }
        return values;
    }

    /** A few milliseconds at random, so writers that collided do not collide again in step. */
    private static void pause() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 12));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording an audit event", e);
        }
    }

    /** One conditional update of the outcome alone: it succeeds once, while the event is pending, and never creates an event. */
    @Override
    public void complete(AuditEvent event, String outcome) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(Map.of("subject", AttributeValue.fromS(event.subject()), "occurredAtId", AttributeValue.fromS(Row.occurredAtId(event))))
                    .updateExpression("SET outcome = :final")
                    .conditionExpression("outcome = :pending")
                    .expressionAttributeValues(Map.of(":final", AttributeValue.fromS(outcome), ":pending", AttributeValue.fromS(AuditEvent.PENDING))));
        } catch (ConditionalCheckFailedException notPending) {
            throw new IllegalStateException("audit event " + event.eventId() + " is not pending: its outcome is final or it was never written",
                    notPending);
        }
    }

    /** The subject's trail, with an event whose writer stopped after moving the chain's head written first, so no reader misses it. */
    @Override
    public List<AuditEvent> trailOf(String subject) {
        Map<String, AttributeValue> head = dynamoDb.getItem(get -> get.tableName(tableName).key(key(subject, HEAD)).consistentRead(true)).item();
        if (head != null && head.containsKey("lastEvent")) {
            ensureWritten(head.get("lastEvent").m());
        }
        return table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(subject).build()))
                        .build())
                .items().stream().filter(row -> !HEAD.equals(row.occurredAtId)).map(Row::toEvent).toList();
    }

    @Override
    public List<AuditEntry> entriesOn(LocalDate ukDay) {
        return indexedOn(ukDay).map(row -> new AuditEntry(row.subject, row.chainSeq, row.chainHash, row.outcome)).toList();
    }

    /** The index holds keys, chain and outcome only (the digest's needs), so each day's events are then read whole, by key. */
    @Override
    public List<AuditEvent> eventsOn(LocalDate ukDay) {
        List<Map<String, AttributeValue>> keys = indexedOn(ukDay).map(row -> key(row.subject, row.occurredAtId)).toList();
        List<AuditEvent> events = new ArrayList<>();
        for (int start = 0; start < keys.size(); start += BATCH_GET_LIMIT) {
            itemsOf(KeysAndAttributes.builder().keys(keys.subList(start, Math.min(keys.size(), start + BATCH_GET_LIMIT))).build())
                    .forEach(item -> events.add(SCHEMA.mapToItem(item).toEvent()));
        }
        return events;
    }

    private Stream<Row> indexedOn(LocalDate ukDay) {
        return IntStream.range(0, DAY_SHARDS).boxed().flatMap(shard -> byDay.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(dayShard(ukDay, shard)).build()))
                        .build())
                .stream().flatMap(page -> page.items().stream()));
    }

    /** Every item of the table, for verification: a scan, which no function does. */
    public StoredTrail storedTrail() {
        List<StoredAuditEvent> events = new ArrayList<>();
        Map<String, ChainHead> heads = new HashMap<>();
        List<String> unreadable = new ArrayList<>();
        table.scan(request -> request.consistentRead(true)).items().forEach(row -> {
            if (HEAD.equals(row.occurredAtId)) {
                heads.put(row.subject, new ChainHead(row.chainSeq == null ? 0 : row.chainSeq, String.valueOf(row.chainHash)));
                return;
            }
            try {
                AuditEvent event = row.toEvent();
                ChainLink link = row.chainSeq == null ? null : new ChainLink(row.chainSeq, row.chainPrevious, row.chainHash);
                boolean filedAsWritten = row.occurredAtId.equals(Row.occurredAtId(event)) && Objects.equals(row.auditDay, dayShard(event));
                events.add(new StoredAuditEvent(event, link, filedAsWritten));
            } catch (RuntimeException e) {
                unreadable.add(row.subject + " " + row.occurredAtId);
            }
        });
        return new StoredTrail(events, heads, unreadable);
    }

    /** The event's UK day and shard; a subject's events of one day share a shard. */
    private static String dayShard(AuditEvent event) {
        return dayShard(LocalDate.ofInstant(event.at(), RetentionSchedule.UK), Math.floorMod(event.subject().hashCode(), DAY_SHARDS));
    }

    private static String dayShard(LocalDate ukDay, int shard) {
        return ukDay + "#" + (shard < 10 ? "0" : "") + shard;
    }

    /** The stored form; {@code occurredAtId} sorts a subject's trail by time and keeps two events at one instant apart. */
    static final class Row {
        String subject;
        String occurredAtId;
        String eventId;
        String at;
        String versionId;
        String action;
        String actor;
        String council;
        String purpose;
        String reference;
        String outcome;
        Map<String, String> details;
        Long chainSeq;
        String chainPrevious;
        String chainHash;
        String auditDay;

        static Row from(AuditEvent event, ChainLink link) {
            Row row = new Row();
            row.subject = event.subject();
            row.occurredAtId = occurredAtId(event);
            row.eventId = event.eventId();
            row.at = SortableInstant.of(event.at());
            row.versionId = event.versionId();
            row.action = event.action().name();
            row.actor = event.actor();
            row.council = event.council();
            row.purpose = event.purpose();
            row.reference = event.reference();
            row.outcome = event.outcome();
            row.details = event.details().isEmpty() ? null : event.details();
            row.chainSeq = link.sequence();
            row.chainPrevious = link.previousHash();
            row.chainHash = link.hash();
            row.auditDay = dayShard(event);
            return row;
        }

        static String occurredAtId(AuditEvent event) {
            return SortableInstant.of(event.at()) + "#" + event.eventId();
        }

        AuditEvent toEvent() {
            return new AuditEvent(eventId, Instant.parse(at), subject, versionId, AuditAction.valueOf(action), actor, council,
                    purpose, reference, outcome, details == null ? Map.of() : details);
        }
    }

    private static TableSchema<Row> schema() {
        var builder = StaticTableSchema.builder(Row.class).newItemSupplier(Row::new);
        builder.addAttribute(String.class, a -> a.name("subject").getter(r -> r.subject).setter((r, v) -> r.subject = v)
                .tags(primaryPartitionKey()));
        builder.addAttribute(String.class, a -> a.name("occurredAtId").getter(r -> r.occurredAtId).setter((r, v) -> r.occurredAtId = v)
                .tags(primarySortKey(), secondarySortKey(BY_DAY)));
        builder.addAttribute(String.class, a -> a.name("actor").getter(r -> r.actor).setter((r, v) -> r.actor = v));
        builder.addAttribute(String.class, a -> a.name("at").getter(r -> r.at).setter((r, v) -> r.at = v));
        builder.addAttribute(String.class, a -> a.name("eventId").getter(r -> r.eventId).setter((r, v) -> r.eventId = v));
        builder.addAttribute(String.class, a -> a.name("versionId").getter(r -> r.versionId).setter((r, v) -> r.versionId = v));
        builder.addAttribute(String.class, a -> a.name("action").getter(r -> r.action).setter((r, v) -> r.action = v));
        builder.addAttribute(String.class, a -> a.name("council").getter(r -> r.council).setter((r, v) -> r.council = v));
        builder.addAttribute(String.class, a -> a.name("purpose").getter(r -> r.purpose).setter((r, v) -> r.purpose = v));
        builder.addAttribute(String.class, a -> a.name("reference").getter(r -> r.reference).setter((r, v) -> r.reference = v));
        builder.addAttribute(String.class, a -> a.name("outcome").getter(r -> r.outcome).setter((r, v) -> r.outcome = v));
        builder.addAttribute(EnhancedType.mapOf(String.class, String.class),
                a -> a.name("details").getter(r -> r.details).setter((r, v) -> r.details = v));
        builder.addAttribute(Long.class, a -> a.name("chainSeq").getter(r -> r.chainSeq).setter((r, v) -> r.chainSeq = v));
        builder.addAttribute(String.class, a -> a.name("chainPrevious").getter(r -> r.chainPrevious).setter((r, v) -> r.chainPrevious = v));
        builder.addAttribute(String.class, a -> a.name("chainHash").getter(r -> r.chainHash).setter((r, v) -> r.chainHash = v));
        builder.addAttribute(String.class, a -> a.name("auditDay").getter(r -> r.auditDay).setter((r, v) -> r.auditDay = v)
                .tags(secondaryPartitionKey(BY_DAY)));
        return builder.build();
    }
}
