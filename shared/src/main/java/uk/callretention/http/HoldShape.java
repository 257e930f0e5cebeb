package uk.callretention.http;

import java.util.LinkedHashMap;
import java.util.Map;
import uk.callretention.retention.Hold;

/** A hold as every route that answers with one writes it: placing, releasing and listing holds, and a recording's page. */
public final class HoldShape {

    private HoldShape() {
    }

    /** The API's {@code Hold} (api/openapi.yaml); a map the caller may add to, e.g. a listing's team and overdue flag. */
    public static Map<String, Object> of(Hold hold) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("holdId", hold.holdId());
        json.put("recordingId", hold.recordingId());
        json.put("reason", hold.reason().id());
        json.put("reference", hold.reference());
        json.put("placedBy", hold.placedBy());
        json.put("placedAt", hold.placedAt().toString());
        json.put("reviewOn", hold.reviewOn().toString());
        json.put("active", hold.active());
        return json;
    }
}
