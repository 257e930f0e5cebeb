package uk.callretention.access;

import java.util.Locale;
import java.util.Map;
import uk.callretention.recording.CatalogueEntry;

/**
 * How a playback or release link presents the recording: its media type from the file type the upload contract
 * allows, never from what the uploader claimed (a stored {@code text/html} must not render in a browser), and a
 * file name made of the recording's opaque id, which names neither the call nor the caller.
 *
 * @param contentDisposition {@code inline} to play in the browser, {@code attachment} to save a file
 */
public record RecordingMedia(String contentType, String contentDisposition) {

    private static final Map<String, String> TYPES = Map.of("wav", "audio/wav", "mp3", "audio/mpeg", "json", "application/json");
    private static final String UNKNOWN = "application/octet-stream";

    /** To play in the browser; anything that is not a known recording type is only ever saved. */
    public static RecordingMedia toPlay(CatalogueEntry entry) {
        String extension = extensionOf(entry.objectKey());
        String type = TYPES.getOrDefault(extension, UNKNOWN);
        return new RecordingMedia(type, (type.equals(UNKNOWN) ? "attachment" : "inline") + disposedAs(entry));
    }

    /** To save as a file, as a release to the police or care services is. */
    public static RecordingMedia toSave(CatalogueEntry entry) {
        String extension = extensionOf(entry.objectKey());
        return new RecordingMedia(TYPES.getOrDefault(extension, UNKNOWN), "attachment" + disposedAs(entry));
    }

    /** The recording's file name: its opaque id, and the extension of a known recording type. */
    public static String fileName(CatalogueEntry entry) {
        String extension = extensionOf(entry.objectKey());
        return entry.recordingId() + (TYPES.containsKey(extension) ? "." + extension : "");
    }

    private static String disposedAs(CatalogueEntry entry) {
        return "; filename=\"" + fileName(entry) + "\"";
    }

    private static String extensionOf(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 || dot < key.lastIndexOf('/') ? "" : key.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
