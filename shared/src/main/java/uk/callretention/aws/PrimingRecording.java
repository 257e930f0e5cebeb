package uk.callretention.aws;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingId;
import uk.callretention.recording.RecordingState;

/**
 * The recording the functions' priming requests are about ({@link SnapStartPriming}): a Rutland customer-services call
 * of yesterday, catalogued and active, as the catalogue holds it. It exists nowhere; the priming clients answer with it.
 */
public final class PrimingRecording {

    public static final String KEY = "rutland/customer-services/phone/2026/11/25/call-0001.wav";
    public static final String VERSION_ID = "Xl0qQ7m1r5rTkzq1JpYkZgkV3Ex1d9Ns";
    public static final String RECORDING_ID = RecordingId.forKey(KEY);
    public static final String ETAG = "5f363e0e58a95f06cbe9bbc662c5dfb6";

    private PrimingRecording() {
    }

    /** Its catalogue item, as DynamoDB answers with it. */
    public static Map<String, AttributeValue> catalogueItem() {
        return catalogueItem("P3M");
    }

    /** Its catalogue item, classed as an older policy classed it: for re-application, which then reclassifies it. */
    public static Map<String, AttributeValue> catalogueItem(String retentionClass) {
        Instant recordedAt = Instant.now().minus(Duration.ofDays(1));
        LocalDate recordedOn = LocalDate.ofInstant(recordedAt, ZoneOffset.UTC);
        CatalogueEntry entry = new CatalogueEntry(RECORDING_ID, KEY, VERSION_ID, ETAG, RecordingState.ACTIVE, "rutland",
                "customer-services", "phone", recordedAt, recordedOn, retentionClass, recordedOn.plus(Period.parse(retentionClass)), "rutland@1", null, "agent-1", "inbound",
                "audio/wav", 30, null, null, null, recordedAt, null);
        return CatalogueItem.SCHEMA.itemToMap(CatalogueItem.from(entry), true);
    }

    /** S3's answer to ListObjectVersions under its key, or a prefix above it: its one version, uploaded yesterday. */
    public static PrimingHttpClient.Answer versions() {
        return PrimingHttpClient.Answer.xml("<ListVersionsResult><IsTruncated>false</IsTruncated><Version><Key>" + KEY + "</Key><VersionId>"
                + VERSION_ID + "</VersionId><IsLatest>true</IsLatest><LastModified>" + Instant.now().minus(Duration.ofDays(1)) + "</LastModified><ETag>\""
                + ETAG + "\"</ETag><Size>480044</Size><StorageClass>STANDARD</StorageClass></Version></ListVersionsResult>");
    }
}
