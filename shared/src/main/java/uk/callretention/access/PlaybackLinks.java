package uk.callretention.access;

import java.net.URI;
import java.time.Duration;
import uk.callretention.recording.CatalogueEntry;

/** Signs links to one exact version of a recording; a link is a credential, so it lives minutes and is never logged. */
public interface PlaybackLinks {

    URI sign(CatalogueEntry entry, RecordingMedia media, Duration lifetime);
}
