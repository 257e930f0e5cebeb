package uk.callretention.access;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A request's body as the API received it. The API takes small JSON objects only; anything larger is refused
 * before it is parsed, so nobody can make a function spend its memory on a body.
 */
public final class JsonBody {

    /** Far above any request this API takes (a purpose, a reference and a note), far below API Gateway's 10 MB. */
    public static final int MAX_BYTES = 8 * 1024;

    /**
     * A field given twice, or anything after the object, would leave which value counts to a guess: both are refused,
     * the first by saying so here rather than trusting the library's default.
     */
    private static final JSON STRICT = JSON.std.with(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS);

    private final String text;

    private JsonBody(String text) {
        this.text = text;
    }

    /** @param text null when the request had no body */
    public static JsonBody of(String text) {
        return new JsonBody(text);
    }

    /** The body's fields, or why it cannot be read: too large, absent, not JSON, not an object. */
    public Outcome<Fields> fields() {
        if (text != null && text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Outcome.refused(Refusal.BODY_TOO_LARGE);
        }
        if (text == null || text.isBlank()) {
            return Outcome.refused(Refusal.BAD_REQUEST.saying("Send the details as a JSON object, such as {\"purpose\": \"complaint\"}."));
        }
        try (JsonParser parser = STRICT.getStreamingFactory().createParser(text)) {
            Map<String, Object> fields = STRICT.mapFrom(parser);
            if (fields == null || parser.nextToken() != null) {
                return Outcome.refused(Refusal.BAD_REQUEST.saying("Send the details as one JSON object, and nothing after it."));
            }
            return Outcome.done(new Fields(fields));
        } catch (IOException | RuntimeException notAnObject) {
            return Outcome.refused(Refusal.BAD_REQUEST.saying("Send the details as a JSON object that names each field once."));
        }
    }
}
