package uk.callretention.systemtests.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Answers 201 with the raw event it was given as the body, and a header, a repeated header and a cookie. */
public final class EchoHttpHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        Map<String, Object> response = Map.of(
                "statusCode", 201,
                "headers", Map.of("content-type", "application/json", "x-route-key", JSON.std.mapFrom(event).get("routeKey")),
                "multiValueHeaders", Map.of("x-repeated", List.of("first", "second")),
                "cookies", List.of("session=abc; Path=/"),
                "body", event);
        output.write(JSON.std.asBytes(response));
    }
}
