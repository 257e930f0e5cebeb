package uk.callretention.access;

import java.io.InputStream;
import uk.callretention.recording.CatalogueEntry;

/** The exact version of a recording the catalogue names, read as a stream (an export copies it byte for byte). */
public interface RecordingAudio {

    InputStream open(CatalogueEntry entry);
}
