package uk.callretention.recording;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which of an upload's metadata may stay on the stored object. S3 hands user metadata to every HeadObject and puts it
 * in the headers of every download, playback and release links included, so only what is not personal stays:
 * {@code recorded-at} and {@code direction}. The caller's number goes (its keyed hash is in the catalogue), so does
 * the agent's id (a member of staff's identifier: the catalogue keeps it, behind the audited API), and so does any
 * metadata the upload contract does not name, since nobody has said it is not personal.
 *
 * <p>A copy the system made without them carries {@code scrubbed-from}, the version it was copied from, and
 * {@code scrub-seal}, a keyed hash of key and version under the caller-hash key: a platform cannot forge one, so an
 * upload that claims to be a copy without a valid seal is treated as the upload it is.
 */
final class ObjectMetadata {

    static final Set<String> NOT_PERSONAL = Set.of(RecordingClassifier.RECORDED_AT, RecordingClassifier.DIRECTION);
    static final String SCRUBBED_FROM = "scrubbed-from";
    static final String SCRUB_SEAL = "scrub-seal";

    private ObjectMetadata() {
    }

    static boolean carriesPersonal(Map<String, String> metadata) {
        return metadata.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT))
                .anyMatch(name -> !NOT_PERSONAL.contains(name) && !name.equals(SCRUBBED_FROM) && !name.equals(SCRUB_SEAL));
    }

    /** The metadata of a copy of that version without its personal metadata, sealed. */
    static Map<String, String> ofScrubbedCopy(Map<String, String> metadata, String key, String sourceVersionId, CallerHash sealer) {
        Map<String, String> kept = new LinkedHashMap<>();
        metadata.forEach((name, value) -> {
            if (NOT_PERSONAL.contains(name.toLowerCase(Locale.ROOT))) {
                kept.put(name.toLowerCase(Locale.ROOT), value);
            }
        });
        kept.put(SCRUBBED_FROM, sourceVersionId);
        kept.put(SCRUB_SEAL, sealer.seal(sealed(key, sourceVersionId)));
        return kept;
    }

    /** The version this one was copied from by the system, when its seal proves it. */
    static Optional<String> scrubbedFrom(Map<String, String> metadata, String key, CallerHash sealer) {
        String source = metadata.get(SCRUBBED_FROM);
        String seal = metadata.get(SCRUB_SEAL);
        if (source == null || seal == null || !seal.equals(sealer.seal(sealed(key, source)))) {
            return Optional.empty();
        }
        return Optional.of(source);
    }

    private static String sealed(String key, String sourceVersionId) {
        return key + "\n" + sourceVersionId;
    }
}
