package uk.callretention.statistics.count;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.callretention.access.CouncilStatistics;
import uk.callretention.http.ApiRoutes.Answer;
import uk.callretention.http.ApiRoutes;
import uk.callretention.http.StatisticsShape;
import uk.callretention.observability.LogLine;

/**
 * {@code GET /statistics}, behind the JWT authorizer: the council's anonymised statistics by month for its DPO, as JSON,
 * or as CSV when asked with {@code format=csv} or {@code Accept: text/csv} (the query's {@code format} wins).
 */
public final class StatisticsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String STATISTICS = "GET /statistics";

    private final ApiRoutes routes;

    /** Lambda's constructor. */
    public StatisticsApiHandler() {
        this(System.getenv());
    }

    /** The local runtime's and tests' constructor: the environment the template gives the function. */
    public StatisticsApiHandler(Map<String, String> environment) {
        CouncilStatistics statistics = CountStatisticsFactory.statistics(environment, Clock.systemUTC());
        this.routes = new ApiRoutes(new LogLine(System.out, Clock.systemUTC())).route(STATISTICS, (request, who) -> {
            Map<String, String> query = new LinkedHashMap<>(request.query());
            if (!query.containsKey("format") && request.header("accept").contains("text/csv")) {
                query.put("format", "csv");
            }
            return Answer.of(statistics.read(who, query), 200, StatisticsShape::of);
        });
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context.getAwsRequestId());
    }
}
