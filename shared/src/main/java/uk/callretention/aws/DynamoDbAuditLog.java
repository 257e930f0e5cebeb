package uk.callretention.aws;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
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
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditLog;

/**
 * The audit trail in DynamoDB: partitioned by subject (a recording's whole trail is one query) and indexed by actor
 * and time (how many playback links a user took in the last hour is one query).
 */
public final class DynamoDbAuditLog implements AuditLog {

    public static final String BY_ACTOR = "byActor";

    private static final TableSchema<Row> SCHEMA = schema();

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DynamoDbTable<Row> table;
    private final DynamoDbIndex<Row> byActor;

    public DynamoDbAuditLog(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build().table(tableName, SCHEMA);
        this.byActor = table.index(BY_ACTOR);
    }

    @Override
    public void record(AuditEvent event) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(Row.class)
                    .item(Row.from(event))
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(subject)").build())
                    .build());
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            // A retried write of the same event: the first one stands.
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

    @Override
    public List<AuditEvent> trailOf(String subject) {
        return table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(subject).build()))
                        .build())
                .items().stream().map(Row::toEvent).toList();
    }

    @Override
    public int countSince(String actor, AuditAction action, Instant since) {
        return (int) byActor.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortGreaterThanOrEqualTo(
                                Key.builder().partitionValue(actor).sortValue(SortableInstant.of(since)).build()))
                        .filterExpression(Expression.builder().expression("#action = :action")
                                .putExpressionName("#action", "action")
                                .putExpressionValue(":action", AttributeValue.fromS(action.name()))
                                .build())
                        .build())
                .stream().mapToLong(page -> page.items().size()).sum();
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

        static Row from(AuditEvent event) {
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
                .tags(primarySortKey()));
        builder.addAttribute(String.class, a -> a.name("actor").getter(r -> r.actor).setter((r, v) -> r.actor = v)
                .tags(secondaryPartitionKey(BY_ACTOR)));
        builder.addAttribute(String.class, a -> a.name("at").getter(r -> r.at).setter((r, v) -> r.at = v)
                .tags(secondarySortKey(BY_ACTOR)));
        builder.addAttribute(String.class, a -> a.name("eventId").getter(r -> r.eventId).setter((r, v) -> r.eventId = v));
        builder.addAttribute(String.class, a -> a.name("versionId").getter(r -> r.versionId).setter((r, v) -> r.versionId = v));
        builder.addAttribute(String.class, a -> a.name("action").getter(r -> r.action).setter((r, v) -> r.action = v));
        builder.addAttribute(String.class, a -> a.name("council").getter(r -> r.council).setter((r, v) -> r.council = v));
        builder.addAttribute(String.class, a -> a.name("purpose").getter(r -> r.purpose).setter((r, v) -> r.purpose = v));
        builder.addAttribute(String.class, a -> a.name("reference").getter(r -> r.reference).setter((r, v) -> r.reference = v));
        builder.addAttribute(String.class, a -> a.name("outcome").getter(r -> r.outcome).setter((r, v) -> r.outcome = v));
        builder.addAttribute(EnhancedType.mapOf(String.class, String.class),
                a -> a.name("details").getter(r -> r.details).setter((r, v) -> r.details = v));
        return builder.build();
    }
}
