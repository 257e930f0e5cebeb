package uk.callretention.http;

import java.util.LinkedHashMap;
import java.util.Map;
import uk.callretention.recording.CatalogueEntry;

/**
 * A recording as every route that answers with one writes it: listings, searches, a recording's page and a new training
 * copy. Described by what a manager looks a call up by (time, agent, direction, duration, the platform's call id), never
 * by its object key or the caller's number or hash: nothing that leads to the caller.
 */
public final class RecordingShape {

    private RecordingShape() {
    }

    /** The API's {@code Recording} (api/openapi.yaml); a map the caller may add to, e.g. a recording's holds. */
    public static Map<String, Object> of(CatalogueEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("recordingId", entry.recordingId());
        json.put("council", entry.council());
        json.put("team", entry.team());
        json.put("channel", entry.channel());
        entry.callId().ifPresent(callId -> json.put("callId", callId));
        putIfPresent(json, "recordedAt", entry.recordedAt());
        putIfPresent(json, "agent", entry.agent());
        putIfPresent(json, "direction", entry.direction());
        if (entry.duration() != null) {
            json.put("durationSeconds", entry.duration().toMillis() / 1000.0);
        }
        json.put("state", entry.state().name().toLowerCase());
        putIfPresent(json, "retentionClass", entry.retentionClass());
        putIfPresent(json, "expiresOn", entry.expiresOn());
        putIfPresent(json, "quarantineReason", entry.quarantineReason());
        json.put("sizeBytes", entry.sizeBytes());
        putIfPresent(json, "trainingCopyOf", entry.trainingCopyOf());
        return json;
    }

    private static void putIfPresent(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value.toString());
        }
    }
}
