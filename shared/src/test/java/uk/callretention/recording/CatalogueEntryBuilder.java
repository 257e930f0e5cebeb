package uk.callretention.recording;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Catalogue entries for tests, by name instead of by position: each test sets what it is about, and every field it
 * leaves unset is null (zero bytes), as a tombstone or a bare test entry has it. Lives in shared's test jar, so that
 * every module's tests build entries the same way.
 */
public final class CatalogueEntryBuilder {
    private String recordingId;
    private String objectKey;
    private String versionId;
    private String ordering;
    private RecordingState state;
    private String council;
    private String team;
    private String channel;
    private Instant recordedAt;
    private LocalDate recordedOn;
    private String retentionClass;
    private LocalDate expiresOn;
    private String policyRef;
    private String callerHash;
    private String agent;
    private String direction;
    private String contentType;
    private long sizeBytes;
    private Duration duration;
    private String quarantineReason;
    private String quarantineDetail;
    private Instant cataloguedAt;
    private String trainingCopyOf;

    private CatalogueEntryBuilder() {
    }

    /** An entry with nothing set. */
    public static CatalogueEntryBuilder anEntry() {
        return new CatalogueEntryBuilder();
    }

    /** The entry of the recording uploaded under {@code key}: its id is the key's, as the tagger gives it. */
    public static CatalogueEntryBuilder forKey(String key) {
        return anEntry().recordingId(RecordingId.forKey(key)).objectKey(key);
    }

    /** A copy of {@code entry}, to change some of its fields. */
    public static CatalogueEntryBuilder from(CatalogueEntry entry) {
        return anEntry()
                .recordingId(entry.recordingId())
                .objectKey(entry.objectKey())
                .versionId(entry.versionId())
                .ordering(entry.ordering())
                .state(entry.state())
                .council(entry.council())
                .team(entry.team())
                .channel(entry.channel())
                .recordedAt(entry.recordedAt())
                .recordedOn(entry.recordedOn())
                .retentionClass(entry.retentionClass())
                .expiresOn(entry.expiresOn())
                .policyRef(entry.policyRef())
                .callerHash(entry.callerHash())
                .agent(entry.agent())
                .direction(entry.direction())
                .contentType(entry.contentType())
                .sizeBytes(entry.sizeBytes())
                .duration(entry.duration())
                .quarantineReason(entry.quarantineReason())
                .quarantineDetail(entry.quarantineDetail())
                .cataloguedAt(entry.cataloguedAt())
                .trainingCopyOf(entry.trainingCopyOf());
    }

    public CatalogueEntryBuilder recordingId(String recordingId) {
        this.recordingId = recordingId;
        return this;
    }

    public CatalogueEntryBuilder objectKey(String objectKey) {
        this.objectKey = objectKey;
        return this;
    }

    public CatalogueEntryBuilder versionId(String versionId) {
        this.versionId = versionId;
        return this;
    }

    public CatalogueEntryBuilder ordering(String ordering) {
        this.ordering = ordering;
        return this;
    }

    public CatalogueEntryBuilder state(RecordingState state) {
        this.state = state;
        return this;
    }

    public CatalogueEntryBuilder council(String council) {
        this.council = council;
        return this;
    }

    public CatalogueEntryBuilder team(String team) {
        this.team = team;
        return this;
    }

    public CatalogueEntryBuilder channel(String channel) {
        this.channel = channel;
        return this;
    }

    public CatalogueEntryBuilder recordedAt(Instant recordedAt) {
        this.recordedAt = recordedAt;
        return this;
    }

    public CatalogueEntryBuilder recordedOn(LocalDate recordedOn) {
        this.recordedOn = recordedOn;
        return this;
    }

    public CatalogueEntryBuilder retentionClass(String retentionClass) {
        this.retentionClass = retentionClass;
        return this;
    }

    public CatalogueEntryBuilder expiresOn(LocalDate expiresOn) {
        this.expiresOn = expiresOn;
        return this;
    }

    public CatalogueEntryBuilder policyRef(String policyRef) {
        this.policyRef = policyRef;
        return this;
    }

    public CatalogueEntryBuilder callerHash(String callerHash) {
        this.callerHash = callerHash;
        return this;
    }

    public CatalogueEntryBuilder agent(String agent) {
        this.agent = agent;
        return this;
    }

    public CatalogueEntryBuilder direction(String direction) {
        this.direction = direction;
        return this;
    }

    public CatalogueEntryBuilder contentType(String contentType) {
        this.contentType = contentType;
        return this;
    }

    public CatalogueEntryBuilder sizeBytes(long sizeBytes) {
        this.sizeBytes = sizeBytes;
        return this;
    }

    public CatalogueEntryBuilder duration(Duration duration) {
        this.duration = duration;
        return this;
    }

    public CatalogueEntryBuilder quarantineReason(String quarantineReason) {
        this.quarantineReason = quarantineReason;
        return this;
    }

    public CatalogueEntryBuilder quarantineDetail(String quarantineDetail) {
        this.quarantineDetail = quarantineDetail;
        return this;
    }

    public CatalogueEntryBuilder cataloguedAt(Instant cataloguedAt) {
        this.cataloguedAt = cataloguedAt;
        return this;
    }

    public CatalogueEntryBuilder trainingCopyOf(String trainingCopyOf) {
        this.trainingCopyOf = trainingCopyOf;
        return this;
    }

    public CatalogueEntry build() {
        return new CatalogueEntry(recordingId, objectKey, versionId, ordering, state, council, team, channel, recordedAt, recordedOn,
                retentionClass, expiresOn, policyRef, callerHash, agent, direction, contentType, sizeBytes, duration, quarantineReason,
                quarantineDetail, cataloguedAt, trainingCopyOf);
    }
}
