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
 * <p>A copy the system made without them carries {@code scrubbed-from}, the version it was copied from,
 * {@code scrubbed-held} when it was made locked for a hold, and {@code scrub-seal}, a keyed hash of all three under
 * the caller-hash key: a platform cannot forge one, so an upload that claims to be a copy without a valid seal is
 * treated as the upload it is.
 */
final class ObjectMetadata {

    static final Set<String> NOT_PERSONAL = Set.of(RecordingClassifier.RECORDED_AT, RecordingClassifier.DIRECTION);
    static final String SCRUBBED_FROM = "scrubbed-from";
    static final String SCRUBBED_HELD = "scrubbed-held";
    static final String SCRUB_SEAL = "scrub-seal";
    private static final Set<String> SYSTEMS_OWN = Set.of(SCRUBBED_FROM, SCRUBBED_HELD, SCRUB_SEAL);

    /** The version a sealed copy was made from, and whether it was made locked, for a hold. */
    record Source(String versionId, boolean held) {
    }

    private ObjectMetadata() {
    }

    static boolean carriesPersonal(Map<String, String> metadata) {
        return metadata.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT))
                .anyMatch(name -> !NOT_PERSONAL.contains(name) && !SYSTEMS_OWN.contains(name));
    }

    /** The metadata of a copy of that version without its personal metadata, sealed. */
    static Map<String, String> ofScrubbedCopy(Map<String, String> metadata, String key, Source source, CallerHash sealer) {
        Map<String, String> kept = new LinkedHashMap<>();
        metadata.forEach((name, value) -> {
            if (NOT_PERSONAL.contains(name.toLowerCase(Locale.ROOT))) {
                kept.put(name.toLowerCase(Locale.ROOT), value);
            }
        });
        kept.put(SCRUBBED_FROM, source.versionId());
        if (source.held()) {
            kept.put(SCRUBBED_HELD, "true");
        }
        kept.put(SCRUB_SEAL, sealer.seal(sealed(key, source)));
        return kept;
    }

    /** What this version was copied from by the system, when its seal proves it. */
    static Optional<Source> scrubbedFrom(Map<String, String> metadata, String key, CallerHash sealer) {
        String from = metadata.get(SCRUBBED_FROM);
        String seal = metadata.get(SCRUB_SEAL);
        if (from == null || seal == null) {
            return Optional.empty();
        }
        Source source = new Source(from, "true".equals(metadata.get(SCRUBBED_HELD)));
        return seal.equals(sealer.seal(sealed(key, source))) ? Optional.of(source) : Optional.empty();
    }

    private static String sealed(String key, Source source) {
        return key + "\n" + source.versionId() + (source.held() ? "\nheld" : "");
    }
}
