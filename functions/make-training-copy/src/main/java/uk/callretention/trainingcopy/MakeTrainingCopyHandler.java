package uk.callretention.trainingcopy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import uk.callretention.http.ApiRoutes.Answer;
import uk.callretention.http.ApiRoutes;
import uk.callretention.http.RecordingShape;

/**
 * {@code POST /recordings/{recordingId}/training-copies}, behind the JWT authorizer: a training copy of the recording
 * with personal details cut out, for the team's managers and the council's DPO. Its role reads recordings' audio and
 * writes only under {@code training/}. Not primed for SnapStart: a copy is made now and then, by hand, and its time is
 * the source's download and cut, not the start.
 */
public final class MakeTrainingCopyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String MAKE_TRAINING_COPY = "POST /recordings/{recordingId}/training-copies";

    private final ApiRoutes routes;

    /** Lambda's constructor. */
    public MakeTrainingCopyHandler() {
        this(System.getenv());
    }

    /** The local runtime's and tests' constructor: the environment the template gives the function. */
    public MakeTrainingCopyHandler(Map<String, String> environment) {
        this(MakeTrainingCopyFactory.fromEnvironment(environment, System.out));
    }

    MakeTrainingCopyHandler(MakeTrainingCopyFactory f) {
        this.routes = new ApiRoutes(f.log()).route(MAKE_TRAINING_COPY, (request, who) -> Answer.of(
                f.desk().make(who, request.path("recordingId"), request.body()), 201, RecordingShape::of));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context.getAwsRequestId());
    }
}
