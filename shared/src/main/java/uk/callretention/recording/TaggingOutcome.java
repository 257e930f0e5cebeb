package uk.callretention.recording;

/** What tagging one upload did, for the function's log line and metrics. */
public record TaggingOutcome(Kind kind, String objectKey, CatalogueEntry entry) {

    public enum Kind {
        /** Catalogued and tagged for the first time. */
        CATALOGUED,
        /** Already catalogued for this version: the same tags written again. */
        RETAGGED,
        /** A later version is catalogued, or the recording is held: nothing written. */
        UNCHANGED,
        /** The object or version no longer exists: nothing to tag. */
        GONE
    }

    static TaggingOutcome catalogued(CatalogueEntry entry) {
        return new TaggingOutcome(Kind.CATALOGUED, entry.objectKey(), entry);
    }

    static TaggingOutcome retagged(CatalogueEntry entry) {
        return new TaggingOutcome(Kind.RETAGGED, entry.objectKey(), entry);
    }

    static TaggingOutcome unchanged(CatalogueEntry kept) {
        return new TaggingOutcome(Kind.UNCHANGED, kept.objectKey(), kept);
    }

    static TaggingOutcome gone(String objectKey) {
        return new TaggingOutcome(Kind.GONE, objectKey, null);
    }
}
