package uk.callretention.bench.naive;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import uk.callretention.access.Refusal;
import uk.callretention.access.StaffMember;
import uk.callretention.http.RefusalStatus;

/** How the API baselines read who is asking and answer: the typed API Gateway event, a JSON body written with Jackson databind. */
public final class ApiAnswers {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiAnswers() {
    }

    /** The member of staff the JWT authorizer let through, from the token's claims. */
    public static Optional<StaffMember> staffMember(APIGatewayV2HTTPEvent event) {
        return StaffMember.fromClaims(event.getRequestContext().getAuthorizer().getJwt().getClaims());
    }

    public static APIGatewayV2HTTPResponse answer(int status, Object body) {
        try {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(Map.of("content-type", "application/json"))
                    .withBody(MAPPER.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static APIGatewayV2HTTPResponse unauthenticated() {
        return answer(401, Map.of("error", "unauthenticated"));
    }

    public static APIGatewayV2HTTPResponse refused(Refusal refusal) {
        return answer(RefusalStatus.of(refusal), Map.of("error", refusal.code()));
    }
}
