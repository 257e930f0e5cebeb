package uk.callretention.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The exports' states, one item each, kept a while after they expire so that the DPO sees they did. */
public interface SubjectAccessExportRecords {

    void add(SubjectAccessExport building);

    Optional<SubjectAccessExport> find(String exportId);

    /** Writes the export's next state if it is still in the state the caller read; {@code false} when it changed meanwhile. */
    boolean change(SubjectAccessExport read, SubjectAccessExport next);

    /** The exports not yet expired whose 7 days are over by {@code now}, read from an index of live exports, never a scan. */
    List<SubjectAccessExport> dueToExpire(Instant now);
}
