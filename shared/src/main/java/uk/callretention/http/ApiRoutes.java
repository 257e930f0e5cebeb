package uk.callretention.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import uk.callretention.access.Outcome;
import uk.callretention.access.Refusal;
import uk.callretention.access.StaffMember;
import uk.callretention.observability.LogLine;

/**
 * A function's routes by route key, with what every route does alike: the caller from the token's claims, the
 * answer (an outcome's value as JSON, or the refusal as {@code {"error", "message"}} and its details, with
 * {@code Retry-After} when it says when to ask again), one log line and, for a
 * refusal, a metric by error code (the browsing guard's {@code too-many-playback-urls} among them).
 */
public final class ApiRoutes {

    /** One route's work: what the caller asked, answered. */
    @FunctionalInterface
    public interface Route {
        Answer answer(ApiRequest request, StaffMember who);
    }

    /** A body that is not JSON, such as a CSV download: sent as it is, with its content type. */
    public record Text(String contentType, String body) {
    }

    /** A status and JSON body (or {@link Text}), or a refusal. */
    public record Answer(int status, Object body, Optional<Refusal> refusal) {

        public static <T> Answer of(Outcome<T> outcome, int status, Function<T, Object> body) {
            if (outcome instanceof Outcome.Done<T> done) {
                return new Answer(status, body.apply(done.value()), Optional.empty());
            }
            return refused(((Outcome.Refused<T>) outcome).refusal());
        }

        static Answer refused(Refusal refusal) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", refusal.code());
            body.put("message", refusal.message());
            body.putAll(refusal.details());
            return new Answer(RefusalStatus.of(refusal), body, Optional.of(refusal));
        }
    }

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final LogLine log;

    public ApiRoutes(LogLine log) {
        this.log = log;
    }

    public ApiRoutes route(String routeKey, Route route) {
        routes.put(routeKey, route);
        return this;
    }

    /** @param invocationId the Lambda request id, for the log line */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, String invocationId) {
        ApiRequest request = ApiRequest.of(event);
        Route route = routes.get(request.routeKey());
        Optional<StaffMember> who = StaffMember.fromClaims(request.claims());
        Answer answer = route == null ? Answer.refused(Refusal.NOT_FOUND.saying("This service has no such request. Check the address."))
                : who.isEmpty() ? Answer.refused(Refusal.UNAUTHENTICATED)
                : route.answer(request, who.get());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("route", request.routeKey());
        fields.put("status", answer.status());
        answer.refusal().ifPresent(refusal -> fields.put("error", refusal.code()));
        request.pathParameters().forEach(fields::put);
        who.ifPresent(member -> fields.put("actor", member.subject()));
        fields.put("requestId", invocationId);
        fields.put("apiRequestId", request.requestId());
        log.info("api request", fields);
        answer.refusal().ifPresent(refusal -> log.count(LogLine.METRICS_NAMESPACE, "ApiRequestsRefused", Map.of("Error", refusal.code())));
        return answer.body() instanceof Text text ? ApiResponse.text(answer.status(), text)
                : ApiResponse.json(answer.status(), answer.body(), answer.refusal().map(Refusal::retryAfter).orElse(null));
    }
}
