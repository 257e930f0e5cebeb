package uk.callretention.playback;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.callretention.access.AccessRequest;
import uk.callretention.access.AccessRequestDesk;
import uk.callretention.access.PlaybackLink;
import uk.callretention.access.RecordingDetails;
import uk.callretention.access.RecordingListing;
import uk.callretention.access.StaffProfile;
import uk.callretention.audit.AuditEvent;
import uk.callretention.http.HoldShape;
import uk.callretention.http.RecordingShape;
import uk.callretention.policy.HoldReason;
import uk.callretention.policy.Purpose;
import uk.callretention.recording.CatalogueEntry;

/** The JSON the API answers with; a recording as {@link RecordingShape} writes it. */
final class Shapes {

    private Shapes() {
    }

    static Object link(PlaybackLink link) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("recordingId", link.recordingId());
        json.put("versionId", link.versionId());
        json.put("url", link.url().toString());
        json.put("expiresAt", link.expiresAt().toString());
        json.put("contentType", link.contentType());
        return json;
    }

    static Object listing(RecordingListing.Listing listing) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("council", listing.council());
        json.put("team", listing.team());
        json.put("recordings", recordings(listing.recordings()));
        listing.nextPageToken().ifPresent(token -> json.put("nextToken", token));
        return json;
    }

    /** The recording, and its active holds when the caller may see them. */
    static Object details(RecordingDetails.Details details) {
        Map<String, Object> json = RecordingShape.of(details.recording());
        details.activeHolds().ifPresent(holds -> json.put("holds", holds.stream().map(HoldShape::of).toList()));
        json.put("trainingCopies", details.trainingCopies());
        return json;
    }

    static Object found(List<CatalogueEntry> entries) {
        return Map.of("recordings", recordings(entries));
    }

    static Object accessRequest(AccessRequest request) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accessRequestId", request.requestId());
        json.put("recordingId", request.recordingId());
        json.put("team", request.team());
        json.put("status", request.status().name().toLowerCase());
        json.put("purpose", request.purpose());
        json.put("reason", request.reason());
        putIfPresent(json, "reference", request.reference());
        json.put("requester", request.requester());
        json.put("requesterName", request.requesterName());
        json.put("requestedAt", request.requestedAt().toString());
        putIfPresent(json, "decidedBy", request.decidedBy());
        putIfPresent(json, "decidedAt", request.decidedAt());
        return json;
    }

    static Object pending(AccessRequestDesk.PendingList pending) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("council", pending.council());
        json.put("accessRequests", pending.requests().stream().map(Shapes::accessRequest).toList());
        pending.nextPageToken().ifPresent(token -> json.put("nextToken", token));
        return json;
    }

    static Object profile(StaffProfile.Profile profile) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("username", profile.username());
        json.put("councils", profile.councils().stream().map(Shapes::councilRoles).toList());
        return json;
    }

    static Object trail(List<AuditEvent> events) {
        return Map.of("events", events.stream().map(Shapes::event).toList());
    }

    private static List<Map<String, Object>> recordings(List<CatalogueEntry> entries) {
        return entries.stream().map(RecordingShape::of).toList();
    }

    private static Object councilRoles(StaffProfile.CouncilRoles council) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("council", council.council());
        json.put("name", council.name());
        json.put("dpo", council.dpo());
        json.put("teams", council.teams().stream().map(Shapes::teamRole).toList());
        json.put("purposes", council.purposes().stream().map(Purpose::id).toList());
        json.put("holdReasons", council.holdReasons().stream().map(HoldReason::id).toList());
        json.put("accessRequestsRequired", council.accessRequestsRequired());
        json.put("maxUrlsPerUserPerHour", council.maxUrlsPerUserPerHour());
        json.put("urlLifetimeSeconds", council.urlLifetime().toSeconds());
        json.put("maxHoldReviewInterval", council.maxHoldReviewInterval().toString());
        return json;
    }

    private static Object teamRole(StaffProfile.TeamRole team) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("team", team.team());
        json.put("name", team.name());
        json.put("role", team.role().id());
        return json;
    }

    private static Object event(AuditEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", event.at().toString());
        json.put("action", event.action().name());
        json.put("actor", event.actor());
        json.put("outcome", event.outcome());
        putIfPresent(json, "versionId", event.versionId());
        putIfPresent(json, "purpose", event.purpose());
        putIfPresent(json, "reference", event.reference());
        json.put("details", event.details());
        return json;
    }

    private static void putIfPresent(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value.toString());
        }
    }
}
