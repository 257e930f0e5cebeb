package uk.callretention.recording;

/** What tagging one upload did, for the function's log line and metrics. */
public record TaggingOutcome(Kind kind, String objectKey, CatalogueEntry entry, MetadataScrub.Result personalMetadata) {

    public enum Kind {
        /** Catalogued and tagged for the first time. */
        CATALOGUED,
        /** Already catalogued for this version: the same tags written again. */
        RETAGGED,
        /** A later version is catalogued, or the recording is held (the version then locked for the hold): not classified or tagged. */
        UNCHANGED,
        /** The system's own copy without personal metadata: settled against the catalogue, never classified. */
        SCRUBBED_COPY,
        /** The object or version no longer exists: nothing to tag. */
        GONE,
        /** A training copy, written with its retention tags and catalogued by the function that made it: left alone. */
        TRAINING_COPY
    }

    static TaggingOutcome of(Kind kind, String objectKey, MetadataScrub.Scrubbed scrubbed) {
        return new TaggingOutcome(kind, objectKey, scrubbed.entry(), scrubbed.result());
    }

    static TaggingOutcome gone(String objectKey) {
        return new TaggingOutcome(Kind.GONE, objectKey, null, MetadataScrub.Result.NONE);
    }
}
