package uk.callretention.playback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import uk.callretention.access.CallSearch;
import uk.callretention.aws.SnapStartPriming;
import uk.callretention.http.ApiRoutes.Answer;
import uk.callretention.http.ApiRoutes;

/**
 * The read side of the access API, behind the JWT authorizer: playback and release links, listings and search by call
 * id, one recording's details, subject access, access requests, audit trails, and what the signed-in member of staff
 * may do. Its role may read audio (it signs links with it) but never tag or delete.
 */
public final class PlaybackUrlHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String ME = "GET /me";
    static final String PLAYBACK_URL = "POST /recordings/{recordingId}/playback-url";
    static final String RELEASE = "POST /recordings/{recordingId}/release";
    static final String LIST = "GET /recordings";
    static final String SUBJECT_ACCESS = "GET /subject-access";
    static final String REQUEST_ACCESS = "POST /recordings/{recordingId}/access-requests";
    static final String DECIDE_ACCESS = "POST /recordings/{recordingId}/access-requests/{accessRequestId}/decision";
    static final String PENDING_ACCESS = "GET /access-requests";
    static final String AUDIT_TRAIL = "GET /recordings/{recordingId}/audit";
    static final String RECORDING = "GET /recordings/{recordingId}";

    private final ApiRoutes routes;
    private final SnapStartPriming snapStart;

    /** Lambda's constructor: registers the SnapStart hooks too. */
    public PlaybackUrlHandler() {
        this(System.getenv());
        snapStart.registered();
    }

    /** The local runtime's and tests' constructor: the environment the template gives the function. */
    public PlaybackUrlHandler(Map<String, String> environment) {
        this(PlaybackUrlFactory.fromEnvironment(environment, System.out));
    }

    PlaybackUrlHandler(PlaybackUrlFactory f) {
        this.routes = new ApiRoutes(f.log())
                .route(ME, (request, who) -> Answer.of(f.profile().of(who), 200, Shapes::profile))
                .route(PLAYBACK_URL, (request, who) -> Answer.of(
                        f.playback().playback(who, request.path("recordingId"), request.body()), 200, Shapes::link))
                .route(RELEASE, (request, who) -> Answer.of(
                        f.playback().release(who, request.path("recordingId"), request.body()), 200, Shapes::link))
                .route(LIST, (request, who) -> CallSearch.asks(request.query())
                        ? Answer.of(f.callSearch().find(who, request.query()), 200, Shapes::found)
                        : Answer.of(f.listing().list(who, request.query()), 200, Shapes::listing))
                .route(SUBJECT_ACCESS, (request, who) -> Answer.of(f.subjectAccess().search(who, request.query()), 200, Shapes::found))
                .route(REQUEST_ACCESS, (request, who) -> Answer.of(
                        f.accessRequests().request(who, request.path("recordingId"), request.body()), 201, Shapes::accessRequest))
                .route(DECIDE_ACCESS, (request, who) -> Answer.of(
                        f.accessRequests().decide(who, request.path("recordingId"), request.path("accessRequestId"), request.body()),
                        200, Shapes::accessRequest))
                .route(PENDING_ACCESS, (request, who) -> Answer.of(f.accessRequests().pending(who, request.query()), 200, Shapes::pending))
                .route(AUDIT_TRAIL, (request, who) -> Answer.of(f.auditTrail().of(who, request.path("recordingId")), 200, Shapes::trail))
                .route(RECORDING, (request, who) -> Answer.of(f.details().of(who, request.path("recordingId")), 200, Shapes::details));
        this.snapStart = f.snapStart();
    }

    /** The SnapStart hooks Lambda's constructor registers, for tests to call as the runtime does. */
    SnapStartPriming snapStart() {
        return snapStart;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context.getAwsRequestId());
    }
}
