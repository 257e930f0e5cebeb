package uk.callretention.aws;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
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
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditLog;

/**
 * The audit trail in DynamoDB: partitioned by subject, so a recording's whole trail is one query.
 */
public final class DynamoDbAuditLog implements AuditLog {

    private static final TableSchema<Row> SCHEMA = schema();

    private final DynamoDbTable<Row> table;

    public DynamoDbAuditLog(DynamoDbClient dynamoDb, String tableName) {
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build().table(tableName, SCHEMA);
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

    @Override
    public List<AuditEvent> trailOf(String subject) {
        return table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(subject).build()))
                        .build())
                .items().stream().map(Row::toEvent).toList();
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
            row.occurredAtId = SortableInstant.of(event.at()) + "#" + event.eventId();
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
        return builder.build();
    }
}
