package uk.callretention.access;

import java.util.Map;
import java.util.Optional;
import uk.callretention.recording.CatalogueEntry;

/** The recordings bucket and the catalogue, as making a training copy needs them. */
public interface TrainingCopyStore {

    /** That version's bytes, or empty when it holds more than {@code maxBytes}, which are then never read whole. */
    Optional<byte[]> read(String key, String versionId, long maxBytes);

    /**
     * Stores a copy under its own key, encrypted with the recordings' key and carrying {@code tags} from its first byte,
     * so that the lifecycle rule of its class governs it even if it is never catalogued.
     *
     * @return the stored version's id
     */
    String write(String key, byte[] content, String contentType, Map<String, String> tags);

    /** Catalogues the copy under its new id; an entry already there (never, as ids are fresh) is left as it was. */
    void catalogue(CatalogueEntry copy);
}
