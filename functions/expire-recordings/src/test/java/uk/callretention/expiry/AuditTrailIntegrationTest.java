package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditVerification;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.aws.S3AuditDigestStore;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.TestLambdaContext;

/**
 * The audit trail's integrity against the local servers: events written through the real audit log, a day sealed by
 * the function's digest mode, then items edited, removed and reordered directly in DynamoDB, as someone with table
 * access could. Each tampering test puts the items back and checks the trail verifies again.
 */
@ExtendWith(LocalAwsExtension.class)
class AuditTrailIntegrationTest {

    static LocalAws aws;
    static DynamoDbClient dynamoDb;
    static String table;
    static DynamoDbAuditLog audit;
    static S3AuditDigestStore digests;
    /** A finished UK day, sealed by the digest in set-up. */
    static final LocalDate SEALED = LocalDate.now(RetentionSchedule.UK).minusDays(3);

    @BeforeAll
    static void sealedDay() {
        dynamoDb = aws.clients().dynamoDb();
        table = aws.stack().tableName("AuditTable");
        audit = new DynamoDbAuditLog(dynamoDb, table);
        digests = new S3AuditDigestStore(aws.clients().s3(), aws.stack().bucketName("AuditDigestBucket"));
        for (int i = 1; i <= 4; i++) {
            audit.record(event("rec-a", SEALED, i, i == 4 ? "pending" : "allowed"));
        }
        for (int i = 1; i <= 3; i++) {
            audit.record(event("rec-b", SEALED, 10 + i, "allowed"));
        }
        audit.record(event("search:rutland", SEALED, 20, "not-permitted"));
        ExpireRecordingsHandler handler = new ExpireRecordingsHandler(aws.environmentOf(Recordings.FUNCTION));

        Map<String, Object> report = handler.handleRequest(Map.of("mode", "digest-audit", "today", SEALED.plusDays(1).toString()),
                TestLambdaContext.withRemaining(Recordings.FUNCTION, 600_000));

        assertThat(report).containsEntry("sealed", List.of(SEALED.toString())).containsEntry("complete", true);
    }

    @Test
    void verify_whenTrailIsUntouched_findsNothing() {
        AuditVerification.Report report = verify();

        assertThat(report.problems()).isEmpty();
        assertThat(report.digests()).isEqualTo(1);
        assertThat(report.events()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void verify_whenAnEventIsEditedInDynamoDb_namesIt() {
        Map<String, AttributeValue> original = item("rec-a", 2);
        Map<String, AttributeValue> edited = new java.util.HashMap<>(original);
        edited.put("reference", AttributeValue.fromS("CMP-0000-0000"));
        put(edited);
        try {
            assertThat(verify().problems()).contains("rec-a #2: changed since it was recorded");
        } finally {
            put(original);
        }
        assertThat(verify().problems()).isEmpty();
    }

    @Test
    void verify_whenAnEventIsRemoved_findsTheGapAndTheSealedDayShort() {
        Map<String, AttributeValue> removed = item("rec-a", 2);
        delete(removed);
        try {
            assertThat(verify().problems()).contains("rec-a #2: missing")
                    .anyMatch(problem -> problem.startsWith("day " + SEALED + ": sealed with 8 events, now 7"));
        } finally {
            put(removed);
        }
        assertThat(verify().problems()).isEmpty();
    }

    @Test
    void verify_whenTheLastEventIsRemovedAndItsHeadRolledBack_theSealedDayStillShowsIt() {
        Map<String, AttributeValue> last = item("rec-b", 3);
        Map<String, AttributeValue> head = head("rec-b");
        Map<String, AttributeValue> before = item("rec-b", 2);
        delete(last);
        try {
            assertThat(verify().problems()).contains("rec-b: chain head is #3 but the last event is #2 (events removed from its end)");
            Map<String, AttributeValue> rolledBack = new java.util.HashMap<>(head);
            rolledBack.put("chainSeq", AttributeValue.fromN("2"));
            rolledBack.put("chainHash", before.get("chainHash"));
            put(rolledBack);

            assertThat(verify().problems()).singleElement().asString()
                    .startsWith("day " + SEALED + ": sealed with 8 events, now 7");
        } finally {
            put(head);
            put(last);
        }
        assertThat(verify().problems()).isEmpty();
    }

    @Test
    void verify_whenTwoEventsAreSwapped_saysNeitherIsWhereItWasRecorded() {
        Map<String, AttributeValue> second = item("rec-a", 2);
        Map<String, AttributeValue> third = item("rec-a", 3);
        put(withChainPlaceOf(second, third));
        put(withChainPlaceOf(third, second));
        try {
            assertThat(verify().problems()).contains("rec-a #2: changed since it was recorded", "rec-a #3: changed since it was recorded");
        } finally {
            put(second);
            put(third);
        }
        assertThat(verify().problems()).isEmpty();
    }

    @Test
    void verify_whenAnOutcomeIsChangedAfterItsDayWasSealed_onlyTheDigestShowsIt() {
        Map<String, AttributeValue> original = item("search:rutland", 1);
        Map<String, AttributeValue> edited = new java.util.HashMap<>(original);
        edited.put("outcome", AttributeValue.fromS("allowed"));
        put(edited);
        try {
            assertThat(verify().problems()).singleElement().asString()
                    .isEqualTo("day " + SEALED + ": sealed with 8 events, now 8; events or outcomes changed after it was sealed");
        } finally {
            put(original);
        }
        assertThat(verify().problems()).isEmpty();
    }

    @Test
    void record_whenManyWritersAddToOneChainAtOnce_everyEventGetsItsOwnPlace() throws Exception {
        String subject = "rec-busy-" + UUID.randomUUID();
        int writers = 8;
        int eachWrites = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < eachWrites; i++) {
                    audit.record(event(subject, LocalDate.now(RetentionSchedule.UK), 0, "allowed"));
                }
            }));
        }
        for (Future<?> writer : done) {
            writer.get();
        }
        pool.shutdown();

        assertThat(audit.trailOf(subject)).hasSize(writers * eachWrites);
        assertThat(head(subject).get("chainSeq").n()).isEqualTo(Integer.toString(writers * eachWrites));
        assertThat(verify().problems()).isEmpty();
    }

    @Test
    void record_whenTheSameEventIsWrittenTwice_keepsOnePlaceInTheChain() {
        String subject = "rec-retried-" + UUID.randomUUID();
        AuditEvent event = event(subject, LocalDate.now(RetentionSchedule.UK), 1, "allowed");

        audit.record(event);
        audit.record(event);

        assertThat(audit.trailOf(subject)).containsExactly(event);
        assertThat(head(subject).get("chainSeq").n()).isEqualTo("1");
    }

    @Test
    void verifyCommand_printsTheVerdictAndExitsWithIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> environment = aws.environmentOf(Recordings.FUNCTION);

        int status = AuditVerifyCommand.run(List.of("--audit-table", table, "--digest-bucket", aws.stack().bucketName("AuditDigestBucket")),
                environment, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 daily digests: intact");
    }

    private static AuditVerification.Report verify() {
        return AuditVerification.verify(audit.storedTrail(), digests.all());
    }

    private static AuditEvent event(String subject, LocalDate day, int minute, String outcome) {
        Instant at = day.atTime(LocalTime.of(10, minute % 60)).atZone(RetentionSchedule.UK).toInstant();
        return new AuditEvent(UUID.randomUUID().toString(), at, subject, "v1", AuditAction.PLAYBACK_URL_ISSUED, "staff-" + minute,
                "rutland", "complaint", "CMP-2026-0117", outcome, Map.of("team", "customer-services"));
    }

    private static Map<String, AttributeValue> item(String subject, int sequence) {
        return dynamoDb.query(q -> q.tableName(table).keyConditionExpression("subject = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(subject))))
                .items().stream().filter(item -> item.containsKey("chainSeq") && item.containsKey("eventId")
                        && item.get("chainSeq").n().equals(Integer.toString(sequence)))
                .findFirst().orElseThrow();
    }

    private static Map<String, AttributeValue> head(String subject) {
        return dynamoDb.query(q -> q.tableName(table).keyConditionExpression("subject = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(subject))))
                .items().stream().filter(item -> !item.containsKey("eventId")).findFirst().orElseThrow();
    }

    private static Map<String, AttributeValue> withChainPlaceOf(Map<String, AttributeValue> item, Map<String, AttributeValue> other) {
        Map<String, AttributeValue> moved = new java.util.HashMap<>(item);
        for (String attribute : List.of("chainSeq", "chainPrevious", "chainHash")) {
            moved.put(attribute, other.get(attribute));
        }
        return moved;
    }

    private static void put(Map<String, AttributeValue> item) {
        dynamoDb.putItem(p -> p.tableName(table).item(item));
    }

    private static void delete(Map<String, AttributeValue> item) {
        dynamoDb.deleteItem(d -> d.tableName(table).key(Map.of("subject", item.get("subject"), "occurredAtId", item.get("occurredAtId"))));
    }
}
