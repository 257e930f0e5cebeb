package uk.callretention.console;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers a custom resource request by PUT to its ResponseURL, as CloudFormation requires: until it is answered, the
 * stack waits (up to an hour). Each attempt is bounded by the timeouts; a failed attempt is tried once more.
 */
final class CloudFormationAnswer {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    static final int ATTEMPTS = 2;
    /** CloudFormation's limit on a whole answer is 4 KiB; the reason is cut well within it. */
    private static final int MAX_REASON_LENGTH = 1000;

    private CloudFormationAnswer() {
    }

    static Map<String, Object> success(CloudFormationRequest request, String physicalResourceId, String reason, Map<String, ?> data) {
        return answer(request, "SUCCESS", physicalResourceId, reason, data);
    }

    static Map<String, Object> failure(CloudFormationRequest request, String physicalResourceId, String reason) {
        return answer(request, "FAILED", physicalResourceId, reason, Map.of());
    }

    private static Map<String, Object> answer(CloudFormationRequest request, String status, String physicalResourceId, String reason, Map<String, ?> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Status", status);
        body.put("Reason", reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) + "..." : reason);
        body.put("PhysicalResourceId", physicalResourceId);
        body.put("StackId", request.stackId());
        body.put("RequestId", request.requestId());
        body.put("LogicalResourceId", request.logicalResourceId());
        body.put("NoEcho", false);
        body.put("Data", data);
        return body;
    }

    /** @throws IOException when no attempt got a 2xx answer */
    static void send(String responseUrl, Map<String, Object> answer) throws IOException {
        byte[] body = JSON.std.asString(answer).getBytes(StandardCharsets.UTF_8);
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                put(responseUrl, body);
                return;
            } catch (IOException e) {
                if (last != null) {
                    e.addSuppressed(last);
                }
                last = e;
            }
        }
        throw last;
    }

    private static void put(String responseUrl, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(responseUrl).toURL().openConnection();
        try {
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
            connection.setRequestMethod("PUT");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            // The presigned URL is signed for no content type; the connection would otherwise send a form type.
            connection.setRequestProperty("Content-Type", "");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            if (status / 100 != 2) {
                throw new IOException("the ResponseURL answered HTTP " + status);
            }
        } finally {
            connection.disconnect();
        }
    }
}
