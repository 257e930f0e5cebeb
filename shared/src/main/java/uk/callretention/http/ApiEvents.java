package uk.callretention.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/** Requests made in-process, for a SnapStart priming's usual request and for tests: as API Gateway passes them on. */
public final class ApiEvents {

    private ApiEvents() {
    }

    /**
     * A request past the JWT authorizer, with the token's claims; the caller adds its path parameters, query and body.
     *
     * @param requestId API Gateway's id of the request
     */
    public static APIGatewayV2HTTPEvent signedIn(String routeKey, Map<String, String> claims, String requestId) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRequestContext(RequestContext.builder().withRequestId(requestId)
                        .withAuthorizer(RequestContext.Authorizer.builder().withJwt(RequestContext.Authorizer.JWT.builder().withClaims(claims).build()).build())
                        .build())
                .build();
    }
}
