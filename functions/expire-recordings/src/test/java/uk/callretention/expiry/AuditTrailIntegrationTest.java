package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditVerification;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.aws.S3AuditDigestStore;
import uk.callretention.local.aws.LocalAwsClients;
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

        whileTampered(List.of(original), () -> put(with(original, "reference", AttributeValue.fromS("CMP-0000-0000"))),
                problems -> assertThat(problems).contains("rec-a #2: changed since it was recorded"));
    }

    @Test
    void verify_whenAnEventIsRemoved_findsTheGapAndTheSealedDayShort() {
        Map<String, AttributeValue> removed = item("rec-a", 2);

        whileTampered(List.of(removed), () -> delete(removed), problems -> assertThat(problems).contains("rec-a #2: missing")
                .anyMatch(problem -> problem.startsWith("day " + SEALED + ": sealed with 8 events, now 7")));
    }

    @Test
    void verify_whenTheLastEventIsRemoved_saysTheChainEndsShortOfItsHead() {
        Map<String, AttributeValue> last = item("rec-b", 3);

        whileTampered(List.of(last), () -> delete(last),
                problems -> assertThat(problems).contains("rec-b: chain head is #3 but the last event is #2 (events removed from its end)"));
    }

    @Test
    void verify_whenTheLastEventIsRemovedAndItsHeadRolledBack_theSealedDayStillShowsIt() {
        Map<String, AttributeValue> last = item("rec-b", 3);
        Map<String, AttributeValue> head = head("rec-b");
        Map<String, AttributeValue> rolledBack = with(with(head, "chainSeq", AttributeValue.fromN("2")), "chainHash", item("rec-b", 2).get("chainHash"));

        whileTampered(List.of(head, last), () -> {
            delete(last);
            put(rolledBack);
        }, problems -> assertThat(problems).singleElement().asString().startsWith("day " + SEALED + ": sealed with 8 events, now 7"));
    }

    @Test
    void verify_whenTwoEventsAreSwapped_saysNeitherIsWhereItWasRecorded() {
        Map<String, AttributeValue> second = item("rec-a", 2);
        Map<String, AttributeValue> third = item("rec-a", 3);

        whileTampered(List.of(second, third), () -> {
            put(withChainPlaceOf(second, third));
            put(withChainPlaceOf(third, second));
        }, problems -> assertThat(problems).contains("rec-a #2: changed since it was recorded", "rec-a #3: changed since it was recorded"));
    }

    @Test
    void verify_whenAnOutcomeIsChangedAfterItsDayWasSealed_onlyTheDigestShowsIt() {
        Map<String, AttributeValue> original = item("search:rutland", 1);

        whileTampered(List.of(original), () -> put(with(original, "outcome", AttributeValue.fromS("allowed"))),
                problems -> assertThat(problems).containsExactly(
                        "day " + SEALED + ": sealed with 8 events, now 8; events or outcomes changed after it was sealed"));
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
    void record_whenAWriterStopsBetweenMovingTheHeadAndWritingItsEvent_theNextWriterWritesIt() {
        String subject = "rec-crashed-" + UUID.randomUUID();
        AuditEvent lost = event(subject, LocalDate.now(RetentionSchedule.UK), 1, "allowed");
        AuditEvent next = event(subject, LocalDate.now(RetentionSchedule.UK), 2, "allowed");
        recordStoppingBeforeTheEventsItem(lost);

        audit.record(next);

        assertThat(audit.trailOf(subject)).containsExactly(lost, next);
        assertThat(verify().problems()).isEmpty();
    }

    @Test
    void trailOf_whenAWriterStoppedBetweenMovingTheHeadAndWritingItsEvent_showsTheEvent() {
        String subject = "rec-crashed-" + UUID.randomUUID();
        AuditEvent lost = event(subject, LocalDate.now(RetentionSchedule.UK), 1, "allowed");
        recordStoppingBeforeTheEventsItem(lost);

        assertThat(audit.trailOf(subject)).containsExactly(lost);
        audit.record(lost);
        assertThat(audit.trailOf(subject)).containsExactly(lost);
        assertThat(verify().problems()).isEmpty();
    }

    private void recordStoppingBeforeTheEventsItem(AuditEvent event) {
        try (DynamoDbClient crashing = DynamoDbClient.builder().endpointOverride(aws.endpoint()).region(LocalAwsClients.REGION)
                .credentialsProvider(LocalAwsClients.credentials()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof PutItemRequest) {
                            throw new IllegalStateException("the function stopped here");
                        }
                    }
                })).build()) {
            assertThatThrownBy(() -> new DynamoDbAuditLog(crashing, table).record(event)).hasMessage("the function stopped here");
        }
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
    void handleRequest_whenDigestIsAskedForADryRunOrAFutureDay_answersWithAnErrorCode() {
        ExpireRecordingsHandler handler = new ExpireRecordingsHandler(aws.environmentOf(Recordings.FUNCTION));
        TestLambdaContext context = TestLambdaContext.withRemaining(Recordings.FUNCTION, 600_000);

        assertThat(handler.handleRequest(Map.of("mode", "digest-audit", "dryRun", true), context)).containsEntry("error", "dry-run-not-for-digest");
        assertThat(handler.handleRequest(Map.of("mode", "digest-audit", "today", LocalDate.now(RetentionSchedule.UK).plusDays(1).toString()), context))
                .containsEntry("error", "today-in-future");
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

    /** Tampers, checks what verification finds, puts the original items back and checks the trail verifies again. */
    private static void whileTampered(List<Map<String, AttributeValue>> originals, Runnable tamper, Consumer<List<String>> check) {
        tamper.run();
        try {
            check.accept(verify().problems());
        } finally {
            originals.forEach(AuditTrailIntegrationTest::put);
        }
        assertThat(verify().problems()).isEmpty();
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> item, String attribute, AttributeValue value) {
        Map<String, AttributeValue> changed = new HashMap<>(item);
        changed.put(attribute, value);
        return changed;
    }

    private static Map<String, AttributeValue> withChainPlaceOf(Map<String, AttributeValue> item, Map<String, AttributeValue> other) {
        Map<String, AttributeValue> moved = new HashMap<>(item);
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
