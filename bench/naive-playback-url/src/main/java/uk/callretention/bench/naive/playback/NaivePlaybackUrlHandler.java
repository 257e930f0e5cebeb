package uk.callretention.bench.naive.playback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import uk.callretention.access.JsonBody;
import uk.callretention.access.Outcome;
import uk.callretention.access.PlaybackLink;
import uk.callretention.access.PlaybackService;
import uk.callretention.access.StaffMember;
import uk.callretention.aws.DynamoDbAccessRequests;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.aws.DynamoDbBrowsingGuard;
import uk.callretention.aws.S3PlaybackLinks;
import uk.callretention.bench.naive.ApiAnswers;
import uk.callretention.bench.naive.NaivePolicies;
import uk.callretention.policy.PolicyBook;

/**
 * The benchmark's baseline for playback-url's {@code POST /recordings/{recordingId}/playback-url}, not product code: the
 * same decision through the project's {@link PlaybackService}, so the same DynamoDB requests and the same presigned
 * link, written the way most samples write a handler. Clients from {@code create()} (the SDK's Apache client, its
 * default credential and region chains), the recording read through a reflective bean schema, the typed API Gateway
 * event and the answer written with Jackson databind, the policies parsed from their YAML files with SnakeYAML
 * ({@link NaivePolicies}). Unlike the project, it reads no caller-hash key at start-up: playback does not need it.
 */
public class NaivePlaybackUrlHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final DynamoDbClient dynamoDb = DynamoDbClient.create();
    private final S3Presigner presigner = S3Presigner.create();
    private final PlaybackService playback;

    public NaivePlaybackUrlHandler() {
        Clock clock = Clock.systemUTC();
        PolicyBook policies = NaivePolicies.load(System.getenv());
        playback = new PlaybackService(policies, new BeanAccessCatalogue(System.getenv("CATALOGUE_TABLE")),
                new DynamoDbAccessRequests(dynamoDb, System.getenv("ACCESS_REQUESTS_TABLE")),
                new S3PlaybackLinks(presigner, System.getenv("RECORDINGS_BUCKET")),
                new DynamoDbAuditLog(dynamoDb, System.getenv("AUDIT_TABLE")),
                new DynamoDbBrowsingGuard(dynamoDb, System.getenv("BROWSING_GUARD_TABLE")), clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Optional<StaffMember> who = ApiAnswers.staffMember(event);
        if (who.isEmpty()) {
            return ApiAnswers.unauthenticated();
        }
        Outcome<PlaybackLink> outcome = playback.playback(who.get(), event.getPathParameters().get("recordingId"), JsonBody.of(event.getBody()));
        if (outcome instanceof Outcome.Done<PlaybackLink> done) {
            PlaybackLink link = done.value();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("recordingId", link.recordingId());
            body.put("versionId", link.versionId());
            body.put("url", link.url().toString());
            body.put("expiresAt", link.expiresAt().toString());
            body.put("contentType", link.contentType());
            context.getLogger().log("playback link issued for " + link.recordingId());
            return ApiAnswers.answer(200, body);
        }
        return ApiAnswers.refused(((Outcome.Refused<PlaybackLink>) outcome).refusal());
    }
}
