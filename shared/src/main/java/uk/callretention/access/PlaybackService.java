package uk.callretention.access;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditLog;
import uk.callretention.policy.CouncilPolicy;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.Purpose;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;

/**
 * Playback links for a stated purpose, and release links for the police or care services. The audit event is written
 * first: if it cannot be written, no link is signed. Every refusal is audited too.
 *
 * <p>A playback link takes one of the person's places in the browsing guard before its event is written, once every
 * other rule has let it through. A request that fails after that (the trail cannot be written, an access request was
 * used meanwhile) leaves the place taken for the hour with no link: the guard may count a link too many, never too few.
 */
public final class PlaybackService {

    /** The browsing guard's window: the councils' limits are links per person per hour. */
    static final Duration GUARD_WINDOW = Duration.ofHours(1);

    private final RecordingScope scope;
    private final AccessRequests requests;
    private final PlaybackLinks links;
    private final BrowsingGuard guard;
    private final AccessAudit audit;
    private final Clock clock;

    public PlaybackService(PolicyBook policies, AccessCatalogue catalogue, AccessRequests requests, PlaybackLinks links, AuditLog log,
                           BrowsingGuard guard, Clock clock) {
        this.scope = new RecordingScope(policies, catalogue::find);
        this.requests = requests;
        this.links = links;
        this.guard = guard;
        this.audit = new AccessAudit(log);
        this.clock = clock;
    }

    public Outcome<PlaybackLink> playback(StaffMember who, String recordingId, JsonBody body) {
        Instant now = clock.instant();
        RecordingScope.Located located = scope.locate(who, recordingId);
        AccessAudit.Event event = audit.about(located, who, AuditAction.PLAYBACK_URL_ISSUED, now);
        return event.settle(() -> PlaybackRequest.from(body).then(request -> {
            event.why(request.purpose(), request.reference().orElse(null)).detail("note", request.note().orElse(null));
            CouncilPolicy policy = located.policy();
            boolean purposeAllowed = policy != null && Purpose.fromId(request.purpose()).filter(policy.purposes()::contains).isPresent();
            Optional<AccessRequest> approved = located.standing() == Standing.TEAM_STAFF
                    ? requests.approvedFor(located.entry().recordingId(), who.subject(), request.purpose())
                    : Optional.empty();
            Optional<Refusal> refusal = AccessRules.playback(located.standing(), state(located), purposeAllowed, approved.isPresent())
                    .or(() -> browsing(who, policy, now));
            if (refusal.isPresent()) {
                return Outcome.refused(refusal.get());
            }
            if (approved.isPresent()) {
                if (!requests.markUsed(approved.get().used(now))) {
                    return Outcome.refused(Refusal.ACCESS_REQUEST_REQUIRED);
                }
                event.detail("accessRequestId", approved.get().requestId());
            }
            return Outcome.done(sign(event, located.entry(), RecordingMedia.toPlay(located.entry()), policy.playback().urlLifetime(), now));
        }));
    }

    /** A download link for the police or care services, for the council's DPO alone, audited as a release. */
    public Outcome<PlaybackLink> release(StaffMember who, String recordingId, JsonBody body) {
        Instant now = clock.instant();
        RecordingScope.Located located = scope.locate(who, recordingId);
        AccessAudit.Event event = audit.about(located, who, AuditAction.RELEASE_URL_ISSUED, now);
        return event.settle(() -> ReleaseRequest.from(body).then(request -> {
            event.why(null, request.reference()).detail("recipient", request.recipient().id()).detail("note", request.note().orElse(null));
            return AccessRules.onExisting(located.standing(), state(located), Standing.DPO)
                    .<Outcome<PlaybackLink>>map(Outcome::refused)
                    .orElseGet(() -> Outcome.done(sign(event, located.entry(), RecordingMedia.toSave(located.entry()),
                            located.policy().playback().urlLifetime(), now)));
        }));
    }

    /** More links in the last hour than the council allows looks like browsing: refused, whatever the purpose says. */
    private Optional<Refusal> browsing(StaffMember who, CouncilPolicy policy, Instant now) {
        int limit = policy.playback().maxUrlsPerUserPerHour();
        BrowsingGuard.Place place = guard.takePlace(who.subject(), limit, GUARD_WINDOW, now);
        return place.taken() ? Optional.empty() : Optional.of(Refusal.tooManyPlaybackUrls(limit, policy.name(), place.freeFrom(), now));
    }

    private PlaybackLink sign(AccessAudit.Event event, CatalogueEntry entry, RecordingMedia media, Duration lifetime, Instant now) {
        Instant expiresAt = now.plus(lifetime);
        event.detail("expiresAt", expiresAt.toString()).detail("contentDisposition", media.contentDisposition()).allowed();
        URI url = links.sign(entry, media, lifetime);
        return new PlaybackLink(entry.recordingId(), entry.versionId(), url, expiresAt, media.contentType());
    }

    private static RecordingState state(RecordingScope.Located located) {
        return located.entry() == null ? null : located.entry().state();
    }
}
