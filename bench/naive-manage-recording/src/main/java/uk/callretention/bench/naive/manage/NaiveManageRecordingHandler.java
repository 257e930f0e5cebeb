package uk.callretention.bench.naive.manage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import uk.callretention.access.HoldDesk;
import uk.callretention.access.JsonBody;
import uk.callretention.access.Outcome;
import uk.callretention.access.StaffMember;
import uk.callretention.aws.RetentionRepositories;
import uk.callretention.bench.naive.ApiAnswers;
import uk.callretention.bench.naive.NaivePolicies;
import uk.callretention.policy.PolicyBook;
import uk.callretention.retention.Hold;

/**
 * The benchmark's baseline for manage-recording's {@code POST /recordings/{recordingId}/holds}, not product code: the
 * same hold placed through the project's {@link HoldDesk} and repositories, so the same S3 and DynamoDB requests,
 * written the way most samples write a handler. Clients from {@code create()} (the SDK's Apache client, its default
 * credential and region chains), the typed API Gateway event and the answer written with Jackson databind, the policies
 * parsed from their YAML files with SnakeYAML ({@link NaivePolicies}). Its repositories are the project's, static
 * schemas included, so it understates what a reflective bean schema would cost.
 */
public class NaiveManageRecordingHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final S3Client s3 = S3Client.create();
    private final DynamoDbClient dynamoDb = DynamoDbClient.create();
    private final HoldDesk holds;

    public NaiveManageRecordingHandler() {
        Clock clock = Clock.systemUTC();
        PolicyBook policies = NaivePolicies.load(System.getenv());
        RetentionRepositories repositories = RetentionRepositories.fromEnvironment(s3, dynamoDb, System.getenv());
        holds = new HoldDesk(policies, repositories.catalogue(), repositories.holdService(policies, clock), repositories.audit(), clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Optional<StaffMember> who = ApiAnswers.staffMember(event);
        if (who.isEmpty()) {
            return ApiAnswers.unauthenticated();
        }
        Outcome<Hold> outcome = holds.place(who.get(), event.getPathParameters().get("recordingId"), JsonBody.of(event.getBody()));
        if (outcome instanceof Outcome.Done<Hold> done) {
            Hold hold = done.value();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("holdId", hold.holdId());
            body.put("recordingId", hold.recordingId());
            body.put("reason", hold.reason().id());
            body.put("reference", hold.reference());
            body.put("placedBy", hold.placedBy());
            context.getLogger().log("hold placed on " + hold.recordingId());
            return ApiAnswers.answer(201, body);
        }
        return ApiAnswers.refused(((Outcome.Refused<Hold>) outcome).refusal());
    }
}
