package uk.callretention.manage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.callretention.access.Erasure;
import uk.callretention.access.HoldsToReview;
import uk.callretention.aws.SnapStartPriming;
import uk.callretention.http.ApiRoutes.Answer;
import uk.callretention.http.ApiRoutes;
import uk.callretention.http.HoldShape;
import uk.callretention.retention.HoldOutcome;

/**
 * The routes that change a recording, behind the JWT authorizer: holds and erasure; and the council's active holds, for
 * its DPO to review and release. Its role may tag, set legal holds
 * and delete versions, but never read audio.
 */
public final class ManageRecordingHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String ACTIVE_HOLDS = "GET /holds";
    static final String PLACE_HOLD = "POST /recordings/{recordingId}/holds";
    static final String RELEASE_HOLD = "DELETE /recordings/{recordingId}/holds/{holdId}";
    static final String ERASE = "POST /recordings/{recordingId}/erasure";

    private final ApiRoutes routes;
    private final SnapStartPriming snapStart;

    /** Lambda's constructor: registers the SnapStart hooks too. */
    public ManageRecordingHandler() {
        this(System.getenv());
        snapStart.registered();
    }

    /** The local runtime's and tests' constructor: the environment the template gives the function. */
    public ManageRecordingHandler(Map<String, String> environment) {
        this(ManageRecordingFactory.fromEnvironment(environment, System.out));
    }

    ManageRecordingHandler(ManageRecordingFactory f) {
        this.routes = new ApiRoutes(f.log())
                .route(ACTIVE_HOLDS, (request, who) -> Answer.of(f.holdsToReview().list(who, request.query()), 200, ManageRecordingHandler::activeHolds))
                .route(PLACE_HOLD, (request, who) -> Answer.of(
                        f.holds().place(who, request.path("recordingId"), request.body()), 201, HoldShape::of))
                .route(RELEASE_HOLD, (request, who) -> Answer.of(
                        f.holds().release(who, request.path("recordingId"), request.path("holdId")), 200, ManageRecordingHandler::released))
                .route(ERASE, (request, who) -> Answer.of(
                        f.erasure().erase(who, request.path("recordingId"), request.body()), 200, ManageRecordingHandler::erased));
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

    private static Object activeHolds(HoldsToReview.Page page) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("council", page.council());
        json.put("holds", page.holds().stream().map(ManageRecordingHandler::activeHold).toList());
        page.nextPageToken().ifPresent(token -> json.put("nextToken", token));
        return json;
    }

    /** A hold as placing answers it, with its recording's team and whether its review is overdue. */
    private static Object activeHold(HoldsToReview.ActiveHold active) {
        Map<String, Object> json = HoldShape.of(active.hold());
        if (active.team() != null) {
            json.put("team", active.team());
        }
        json.put("overdue", active.overdue());
        return json;
    }

    private static Object released(HoldOutcome.Released released) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("hold", HoldShape.of(released.hold()));
        json.put("stillHeld", released.stillHeld());
        if (released.dueOn() != null) {
            json.put("dueOn", released.dueOn().toString());
        }
        return json;
    }

    private static Object erased(Erasure.Erased erased) {
        return Map.of("recordingId", erased.recordingId(), "versionsDeleted", erased.versionsDeleted(), "erasedOn", erased.erasedOn().toString(),
                "trainingCopies", erased.trainingCopies());
    }
}
