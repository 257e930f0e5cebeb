package uk.callretention.systemtests.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * Greets the {name} path parameter (throws for "boom"); echoes a binary body back as it came; shows the JWT
 * claims an authorizer passed.
 */
public final class GreetingHttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (event.getRouteKey().equals("POST /binary")) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(event.getBody())
                    .withIsBase64Encoded(event.getIsBase64Encoded()).withHeaders(Map.of("content-type", "application/octet-stream")).build();
        }
        String name = event.getPathParameters().get("name");
        if (name.equals("boom")) {
            throw new IllegalStateException("asked to fail");
        }
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = event.getRequestContext().getAuthorizer();
        String subject = authorizer == null ? "none" : authorizer.getJwt().getClaims().get("sub");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "text/plain", "x-subject", subject))
                .withBody("hello " + name + " from " + context.getFunctionName())
                .build();
    }
}
