package uk.callretention.aws;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.ExpiryShard;
import uk.callretention.recording.RecordingState;
import uk.callretention.retention.SweepCalendar;

/**
 * A catalogue entry as a DynamoDB item, with the index keys derived from it: the expiry index holds only recordings
 * that are due some day (active and quarantined ones), the team index those whose key named a council (a quarantined
 * upload under its council's quarantine, the others under their team), the caller index only those with a caller's
 * number, the call-id index those whose key follows the contract, under their council and the platform's call id.
 */
public final class CatalogueItem {

    public static final String BY_EXPIRY = "byExpiry";
    public static final String BY_TEAM_DATE = "byTeamDate";
    public static final String BY_CALLER = "byCaller";
    public static final String BY_CALL_ID = "byCallId";
    /** A sparse index of training copies under the recording each was made from, so its DPO sees that copies exist. */
    public static final String BY_TRAINING_COPY_OF = "byTrainingCopyOf";

    public static final TableSchema<CatalogueItem> SCHEMA = schema();

    String recordingId;
    String objectKey;
    String versionId;
    String ordering;
    String state;
    String council;
    String team;
    String channel;
    String recordedAt;
    String recordedOn;
    String retentionClass;
    String expiresOn;
    String policyRef;
    String callerHash;
    String agent;
    String direction;
    String contentType;
    Long sizeBytes;
    Long durationMillis;
    String quarantineReason;
    String quarantineDetail;
    String cataloguedAt;
    String trainingCopyOf;
    String expiryShard;
    String councilTeam;
    String recordedAtId;
    String councilCallId;

    public static CatalogueItem from(CatalogueEntry entry) {
        CatalogueItem item = new CatalogueItem();
        item.recordingId = entry.recordingId();
        item.objectKey = entry.objectKey();
        item.versionId = entry.versionId();
        item.ordering = entry.ordering();
        item.state = entry.state().name();
        item.council = entry.council();
        item.team = entry.team();
        item.channel = entry.channel();
        item.recordedAt = text(entry.recordedAt());
        item.recordedOn = text(entry.recordedOn());
        item.retentionClass = entry.retentionClass();
        item.expiresOn = text(entry.expiresOn());
        item.policyRef = entry.policyRef();
        item.callerHash = entry.callerHash();
        item.agent = entry.agent();
        item.direction = entry.direction();
        item.contentType = entry.contentType();
        item.sizeBytes = entry.sizeBytes();
        item.durationMillis = entry.duration() == null ? null : entry.duration().toMillis();
        item.quarantineReason = entry.quarantineReason();
        item.quarantineDetail = entry.quarantineDetail();
        item.cataloguedAt = text(entry.cataloguedAt());
        item.trainingCopyOf = entry.trainingCopyOf();
        boolean due = entry.state() == RecordingState.ACTIVE || entry.state() == RecordingState.QUARANTINED;
        // An old call uploaded late is filed under the day it was catalogued: the sweep never rereads finished days.
        LocalDate cataloguedOn = entry.cataloguedAt().atZone(RetentionSchedule.UK).toLocalDate();
        item.expiryShard = due ? ExpiryShard.of(SweepCalendar.indexDay(entry.expiresOn(), cataloguedOn), entry.recordingId()) : null;
        item.councilTeam = entry.council() == null ? null
                : entry.state() == RecordingState.QUARANTINED ? quarantineOf(entry.council()) : teamOf(entry.council(), entry.team());
        item.recordedAtId = SortableInstant.of(sortedBy(entry)) + "#" + entry.recordingId();
        item.councilCallId = entry.callId().map(callId -> callOf(entry.council(), callId)).orElse(null);
        return item;
    }

    /** The call-id index's partition for one council's recordings of one call. */
    static String callOf(String council, String callId) {
        return council + "#" + callId;
    }

    /** The team index's partition for one council team's recordings. */
    static String teamOf(String council, String team) {
        return council + "#" + team;
    }

    /**
     * The team index's partition for a council's quarantined uploads, whatever team their key named or failed to
     * name: they are the DPO's to look at. {@code *} is in no team id, so no team's partition is this one.
     */
    static String quarantineOf(String council) {
        return council + "#*quarantined";
    }

    /** When the recording was made, as far as it is known: a quarantined upload may have only its key's date, or none. */
    private static Instant sortedBy(CatalogueEntry entry) {
        if (entry.recordedAt() != null) {
            return entry.recordedAt();
        }
        return entry.recordedOn() != null ? entry.recordedOn().atStartOfDay(RetentionSchedule.UK).toInstant() : entry.cataloguedAt();
    }

    public CatalogueEntry toEntry() {
        return new CatalogueEntry(recordingId, objectKey, versionId, ordering, RecordingState.valueOf(state),
                council, team, channel,
                recordedAt == null ? null : Instant.parse(recordedAt),
                recordedOn == null ? null : LocalDate.parse(recordedOn),
                retentionClass, expiresOn == null ? null : LocalDate.parse(expiresOn), policyRef,
                callerHash, agent, direction, contentType, sizeBytes == null ? 0 : sizeBytes,
                durationMillis == null ? null : Duration.ofMillis(durationMillis), quarantineReason, quarantineDetail, cataloguedAt == null ? null : Instant.parse(cataloguedAt),
                trainingCopyOf);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static TableSchema<CatalogueItem> schema() {
        var builder = StaticTableSchema.builder(CatalogueItem.class).newItemSupplier(CatalogueItem::new);
        builder.addAttribute(String.class, a -> a.name("recordingId").getter(i -> i.recordingId).setter((i, v) -> i.recordingId = v)
                .tags(primaryPartitionKey()));
        builder.addAttribute(String.class, a -> a.name("expiryShard").getter(i -> i.expiryShard).setter((i, v) -> i.expiryShard = v)
                .tags(secondaryPartitionKey(BY_EXPIRY)));
        builder.addAttribute(String.class, a -> a.name("councilTeam").getter(i -> i.councilTeam).setter((i, v) -> i.councilTeam = v)
                .tags(secondaryPartitionKey(BY_TEAM_DATE)));
        builder.addAttribute(String.class, a -> a.name("callerHash").getter(i -> i.callerHash).setter((i, v) -> i.callerHash = v)
                .tags(secondaryPartitionKey(BY_CALLER)));
        builder.addAttribute(String.class, a -> a.name("councilCallId").getter(i -> i.councilCallId).setter((i, v) -> i.councilCallId = v)
                .tags(secondaryPartitionKey(BY_CALL_ID)));
        builder.addAttribute(String.class, a -> a.name("recordedAtId").getter(i -> i.recordedAtId).setter((i, v) -> i.recordedAtId = v)
                .tags(secondarySortKey(BY_TEAM_DATE), secondarySortKey(BY_CALLER), secondarySortKey(BY_CALL_ID),
                        secondarySortKey(BY_TRAINING_COPY_OF)));
        text(builder, "objectKey", i -> i.objectKey, (i, v) -> i.objectKey = v);
        text(builder, "versionId", i -> i.versionId, (i, v) -> i.versionId = v);
        text(builder, "ordering", i -> i.ordering, (i, v) -> i.ordering = v);
        text(builder, "state", i -> i.state, (i, v) -> i.state = v);
        text(builder, "council", i -> i.council, (i, v) -> i.council = v);
        text(builder, "team", i -> i.team, (i, v) -> i.team = v);
        text(builder, "channel", i -> i.channel, (i, v) -> i.channel = v);
        text(builder, "recordedAt", i -> i.recordedAt, (i, v) -> i.recordedAt = v);
        text(builder, "recordedOn", i -> i.recordedOn, (i, v) -> i.recordedOn = v);
        text(builder, "retentionClass", i -> i.retentionClass, (i, v) -> i.retentionClass = v);
        text(builder, "expiresOn", i -> i.expiresOn, (i, v) -> i.expiresOn = v);
        text(builder, "policyRef", i -> i.policyRef, (i, v) -> i.policyRef = v);
        text(builder, "agent", i -> i.agent, (i, v) -> i.agent = v);
        text(builder, "direction", i -> i.direction, (i, v) -> i.direction = v);
        text(builder, "contentType", i -> i.contentType, (i, v) -> i.contentType = v);
        text(builder, "quarantineReason", i -> i.quarantineReason, (i, v) -> i.quarantineReason = v);
        text(builder, "quarantineDetail", i -> i.quarantineDetail, (i, v) -> i.quarantineDetail = v);
        text(builder, "cataloguedAt", i -> i.cataloguedAt, (i, v) -> i.cataloguedAt = v);
        builder.addAttribute(String.class, a -> a.name("trainingCopyOf").getter(i -> i.trainingCopyOf).setter((i, v) -> i.trainingCopyOf = v)
                .tags(secondaryPartitionKey(BY_TRAINING_COPY_OF)));
        builder.addAttribute(Long.class, a -> a.name("sizeBytes").getter(i -> i.sizeBytes).setter((i, v) -> i.sizeBytes = v));
        builder.addAttribute(Long.class, a -> a.name("durationMillis").getter(i -> i.durationMillis).setter((i, v) -> i.durationMillis = v));
        return builder.build();
    }

    private static void text(StaticTableSchema.Builder<CatalogueItem> builder, String name,
                             Function<CatalogueItem, String> getter, BiConsumer<CatalogueItem, String> setter) {
        builder.addAttribute(String.class, a -> a.name(name).getter(getter).setter(setter));
    }
}
