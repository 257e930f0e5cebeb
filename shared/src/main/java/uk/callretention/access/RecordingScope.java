package uk.callretention.access;

import java.util.Optional;
import java.util.function.Function;
import uk.callretention.policy.CouncilPolicy;
import uk.callretention.policy.PolicyBook;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingId;

/** Finds a recording and where the caller stands towards it: the first step of every route about one recording. */
final class RecordingScope {

    private final PolicyBook policies;
    private final Function<String, Optional<CatalogueEntry>> catalogue;

    RecordingScope(PolicyBook policies, Function<String, Optional<CatalogueEntry>> catalogue) {
        this.policies = policies;
        this.catalogue = catalogue;
    }

    /** An id that is not shaped like one is looked up nowhere: it is simply not found. */
    Located locate(StaffMember who, String recordingId) {
        Optional<CatalogueEntry> entry = RecordingId.looksValid(recordingId) ? catalogue.apply(recordingId) : Optional.empty();
        CouncilPolicy policy = entry.flatMap(e -> Optional.ofNullable(e.council())).flatMap(policies::council).orElse(null);
        Standing standing = entry.map(e -> who.standingOn(e.council(), e.team(), policy)).orElse(Standing.NONE);
        return new Located(recordingId, entry.orElse(null), policy, standing);
    }

    /**
     * @param entry  null when there is no such recording
     * @param policy null when there is no recording or its council is unknown (a quarantined upload)
     */
    record Located(String requestedId, CatalogueEntry entry, CouncilPolicy policy, Standing standing) {
    }
}
