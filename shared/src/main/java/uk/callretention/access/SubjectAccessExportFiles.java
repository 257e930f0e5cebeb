package uk.callretention.access;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Where export zips are kept for their 7 days, and the links the data subject downloads them by. */
public interface SubjectAccessExportFiles {

    /** Stores the finished zip whole: it is offered only once it is all there. */
    void put(SubjectAccessExport export, Path zip);

    /** Deletes the export's zip; nothing happens when there is none. */
    void delete(SubjectAccessExport export);

    /** A link that saves the zip as a file; a credential, so it lives minutes and is never logged. */
    URI link(SubjectAccessExport export, Duration lifetime);
}
