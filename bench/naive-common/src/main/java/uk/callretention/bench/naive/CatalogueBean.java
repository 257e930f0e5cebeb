package uk.callretention.bench.naive;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.ExpiryShard;
import uk.callretention.recording.RecordingState;
import uk.callretention.retention.SweepCalendar;

/**
 * The baselines' catalogue item, a mutable bean for {@code TableSchema.fromBean}. It mirrors the project's
 * {@code CatalogueItem} on purpose, derived keys included: the baseline writes and reads the very same item, through a
 * reflective schema instead of the project's static one.
 */
@DynamoDbBean
public class CatalogueBean {
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private String recordingId;
    private String objectKey;
    private String versionId;
    private String ordering;
    private String state;
    private String council;
    private String team;
    private String channel;
    private String recordedAt;
    private String recordedOn;
    private String retentionClass;
    private String expiresOn;
    private String policyRef;
    private String callerHash;
    private String agent;
    private String direction;
    private String contentType;
    private Long sizeBytes;
    private Long durationMillis;
    private String quarantineReason;
    private String quarantineDetail;
    private String cataloguedAt;
    private String expiryShard;
    private String councilTeam;
    private String recordedAtId;
    private String councilCallId;

    public static CatalogueBean from(CatalogueEntry entry) {
        CatalogueBean item = new CatalogueBean();
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
        boolean due = entry.state() == RecordingState.ACTIVE || entry.state() == RecordingState.QUARANTINED;
        LocalDate cataloguedOn = entry.cataloguedAt().atZone(RetentionSchedule.UK).toLocalDate();
        item.expiryShard = due ? ExpiryShard.of(SweepCalendar.indexDay(entry.expiresOn(), cataloguedOn), entry.recordingId()) : null;
        item.councilTeam = entry.council() == null ? null
                : entry.state() == RecordingState.QUARANTINED ? entry.council() + "#*quarantined" : entry.council() + "#" + entry.team();
        Instant sortedBy = entry.recordedAt() != null ? entry.recordedAt()
                : entry.recordedOn() != null ? entry.recordedOn().atStartOfDay(RetentionSchedule.UK).toInstant() : entry.cataloguedAt();
        item.recordedAtId = SORTABLE.format(sortedBy) + "#" + entry.recordingId();
        item.councilCallId = entry.callId().map(callId -> entry.council() + "#" + callId).orElse(null);
        return item;
    }

    public CatalogueEntry toEntry() {
        return new CatalogueEntry(recordingId, objectKey, versionId, ordering, RecordingState.valueOf(state), council, team, channel,
                recordedAt == null ? null : Instant.parse(recordedAt), recordedOn == null ? null : LocalDate.parse(recordedOn),
                retentionClass, expiresOn == null ? null : LocalDate.parse(expiresOn), policyRef, callerHash, agent, direction, contentType,
                sizeBytes == null ? 0 : sizeBytes, durationMillis == null ? null : Duration.ofMillis(durationMillis), quarantineReason,
                quarantineDetail, cataloguedAt == null ? null : Instant.parse(cataloguedAt), null);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    @DynamoDbPartitionKey
    public String getRecordingId() {
        return recordingId;
    }

    public void setRecordingId(String recordingId) {
        this.recordingId = recordingId;
    }

    public String getObjectKey() {
        return objectKey;
    }

    public void setObjectKey(String objectKey) {
        this.objectKey = objectKey;
    }

    public String getVersionId() {
        return versionId;
    }

    public void setVersionId(String versionId) {
        this.versionId = versionId;
    }

    public String getOrdering() {
        return ordering;
    }

    public void setOrdering(String ordering) {
        this.ordering = ordering;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getCouncil() {
        return council;
    }

    public void setCouncil(String council) {
        this.council = council;
    }

    public String getTeam() {
        return team;
    }

    public void setTeam(String team) {
        this.team = team;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public String getRecordedAt() {
        return recordedAt;
    }

    public void setRecordedAt(String recordedAt) {
        this.recordedAt = recordedAt;
    }

    public String getRecordedOn() {
        return recordedOn;
    }

    public void setRecordedOn(String recordedOn) {
        this.recordedOn = recordedOn;
    }

    public String getRetentionClass() {
        return retentionClass;
    }

    public void setRetentionClass(String retentionClass) {
        this.retentionClass = retentionClass;
    }

    public String getExpiresOn() {
        return expiresOn;
    }

    public void setExpiresOn(String expiresOn) {
        this.expiresOn = expiresOn;
    }

    public String getPolicyRef() {
        return policyRef;
    }

    public void setPolicyRef(String policyRef) {
        this.policyRef = policyRef;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = "byCaller")
    public String getCallerHash() {
        return callerHash;
    }

    public void setCallerHash(String callerHash) {
        this.callerHash = callerHash;
    }

    public String getAgent() {
        return agent;
    }

    public void setAgent(String agent) {
        this.agent = agent;
    }

    public String getDirection() {
        return direction;
    }

    public void setDirection(String direction) {
        this.direction = direction;
    }

    public String getContentType() {
        return contentType;
    }

    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    public Long getSizeBytes() {
        return sizeBytes;
    }

    public void setSizeBytes(Long sizeBytes) {
        this.sizeBytes = sizeBytes;
    }

    public Long getDurationMillis() {
        return durationMillis;
    }

    public void setDurationMillis(Long durationMillis) {
        this.durationMillis = durationMillis;
    }

    public String getQuarantineReason() {
        return quarantineReason;
    }

    public void setQuarantineReason(String quarantineReason) {
        this.quarantineReason = quarantineReason;
    }

    public String getQuarantineDetail() {
        return quarantineDetail;
    }

    public void setQuarantineDetail(String quarantineDetail) {
        this.quarantineDetail = quarantineDetail;
    }

    public String getCataloguedAt() {
        return cataloguedAt;
    }

    public void setCataloguedAt(String cataloguedAt) {
        this.cataloguedAt = cataloguedAt;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = "byExpiry")
    public String getExpiryShard() {
        return expiryShard;
    }

    public void setExpiryShard(String expiryShard) {
        this.expiryShard = expiryShard;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = "byTeamDate")
    public String getCouncilTeam() {
        return councilTeam;
    }

    public void setCouncilTeam(String councilTeam) {
        this.councilTeam = councilTeam;
    }

    @DynamoDbSecondarySortKey(indexNames = {"byTeamDate", "byCaller", "byCallId"})
    public String getRecordedAtId() {
        return recordedAtId;
    }

    public void setRecordedAtId(String recordedAtId) {
        this.recordedAtId = recordedAtId;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = "byCallId")
    public String getCouncilCallId() {
        return councilCallId;
    }

    public void setCouncilCallId(String councilCallId) {
        this.councilCallId = councilCallId;
    }
}
