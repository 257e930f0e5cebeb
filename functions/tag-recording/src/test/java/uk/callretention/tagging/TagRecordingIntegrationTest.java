package uk.callretention.tagging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.callretention.recording.CatalogueEntryBuilder.anEntry;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import uk.callretention.access.RecordingMedia;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.CatalogueItem;
import uk.callretention.aws.RetentionRepositories;
import uk.callretention.aws.S3PlaybackLinks;
import uk.callretention.policy.PolicyBook;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.CatalogueEntryBuilder;
import uk.callretention.recording.MetadataScrub;
import uk.callretention.recording.QuarantineReason;
import uk.callretention.recording.RecordingId;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingStore;
import uk.callretention.recording.RecordingTagger;
import uk.callretention.recording.Upload;
import uk.callretention.retention.HoldOutcome;
import uk.callretention.retention.HoldRequest;
import uk.callretention.retention.HoldService;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.TestLambdaContext;
import uk.callretention.testsupport.Uploads;

@ExtendWith(LocalAwsExtension.class)
class TagRecordingIntegrationTest {

    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final byte[] WAV = "RIFF\u0024\0\0\0WAVEfmt \u0010\0\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    private static final byte[] MP3 = "ID3\u0004\0\0\0\0\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    private static final byte[] CHAT = "{\"messages\":[{\"from\":\"agent\",\"text\":\"Hello\"}]}".getBytes(UTF_8);

    /** Metadata with the caller's number, for keys dated 13 November 2026. */
    private static final Map<String, String> WITH_CALLER = Map.of("recorded-at", "2026-11-13T09:00:00Z", "caller", "01572 722577");

    static LocalAws aws;
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static TagRecordingHandler handler;
    private static S3Client s3;
    private static String bucket;
    private static String queueUrl;
    private static DynamoDbTable<CatalogueItem> catalogue;

    @BeforeAll
    static void startFunction() {
        handler = new TagRecordingHandler(TagRecordingFactory.fromEnvironment(aws.environmentOf("TagRecordingFunction"),
                new PrintStream(LOG, true, UTF_8)));
        s3 = aws.clients().s3();
        bucket = aws.stack().bucketName("RecordingsBucket");
        queueUrl = aws.stack().queueUrl("UploadsQueue");
        catalogue = DynamoDbEnhancedClient.builder().dynamoDbClient(aws.clients().dynamoDb()).build()
                .table(aws.stack().tableName("CatalogueTable"), CatalogueItem.SCHEMA);
    }

    @BeforeEach
    void takeTestEventsOffTheQueue() {
        CallCounter.reset();
        // Configuring the notification sends s3:TestEvent first; it must be acknowledged like any other message.
        SQSEvent pending = receive(0);
        if (!pending.getRecords().isEmpty()) {
            assertThat(deliver(pending).getBatchItemFailures()).isEmpty();
        }
    }

    static Stream<Arguments> councilsAndChannels() {
        return Stream.of(
                // key date, recorded-at, bytes, class, expires — computed by hand from the notices
                Arguments.of("rutland/customer-services/phone/2025/11/30/c1.wav", "2025-11-30T10:00:00Z", WAV, "P3M", "2026-02-28", "rutland@"),
                Arguments.of("rutland/customer-services/phone/2025/12/31/c2.wav", "2025-12-31T23:30:00Z", WAV, "P3M", "2026-03-31", "rutland@"),
                Arguments.of("south-hams/contact-centre/phone/2020/07/14/c3.mp3", "2020-07-14T12:00:00Z", MP3, "P1M", "2020-08-14", "south-hams@"),
                Arguments.of("south-hams/contact-centre/phone/2020/07/15/c4.mp3", "2020-07-14T23:30:00Z", MP3, "P3M", "2020-10-15", "south-hams@"),
                Arguments.of("south-hams/contact-centre/phone/2020/01/31/c5.wav", "2020-01-31T09:00:00Z", WAV, "P1M", "2020-02-29", "south-hams@"),
                Arguments.of("contact-centre-2019/contact-centre/phone/2024/02/29/c6.mp3", "2024-02-29T09:00:00Z", MP3, "P18M", "2025-08-29", "contact-centre-2019@"),
                Arguments.of("newark-sherwood/housing-services/phone/2026/01/31/c7.wav", "2026-01-31T16:00:00Z", WAV, "P40D", "2026-03-12", "newark-sherwood@"),
                Arguments.of("newark-sherwood/careline-services/phone/2025/10/26/c8.wav", "2025-10-26T00:30:00Z", WAV, "P40D", "2025-12-05", "newark-sherwood@"),
                Arguments.of("newark-sherwood/customer-services/webchat/2025/03/31/c9.json", "2025-03-30T23:30:00Z", CHAT, "P40D", "2025-05-10", "newark-sherwood@"),
                Arguments.of("rotherham/contact-centre/phone/2026/03/31/c10.wav", "2026-03-31T08:00:00Z", WAV, "P6M", "2026-09-30", "rotherham@"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("councilsAndChannels")
    void upload_whenItFollowsTheContract_isTaggedAndCatalogued(String key, String recordedAt, byte[] bytes,
                                                              String retention, String expires, String policy) {
        put(key, bytes, Map.of("recorded-at", recordedAt, "caller", "01572 722577", "agent", "a-7", "direction", "inbound"));

        assertThat(deliver(receive(1)).getBatchItemFailures()).isEmpty();
        deliverTheCopysEvent();

        String versionId = onlyVersion(key);
        String[] parts = key.split("/");
        Map<String, String> tags = tags(key, versionId);
        assertThat(tags).containsEntry("council", parts[0]).containsEntry("team", parts[1]).containsEntry("channel", parts[2])
                .containsEntry("retention", retention).containsEntry("expires", expires).hasSize(6);
        assertThat(tags.get("policy")).startsWith(policy);

        CatalogueEntry entry = entry(key);
        assertThat(entry.state()).isEqualTo(RecordingState.ACTIVE);
        assertThat(entry.versionId()).isEqualTo(versionId);
        assertThat(entry.recordedAt()).isEqualTo(Instant.parse(recordedAt));
        assertThat(entry.retentionClass()).isEqualTo(retention);
        assertThat(entry.expiresOn()).isEqualTo(LocalDate.parse(expires));
        assertThat(entry.policyRef()).isEqualTo(tags.get("policy"));
        assertThat(entry.callerHash()).hasSize(64);
        assertThat(rawItem(key)).doesNotContain("1572722577").doesNotContain("01572 722577");
        assertThat(LOG.toString(UTF_8)).doesNotContain("1572722577");
    }

    @Test
    void upload_whenARealWav_cataloguesItsDurationFromTheHeaderAndItsCallIdUnderTheCallIdIndex() throws Exception {
        String key = "rutland/customer-services/phone/2026/11/22/CTI-88 0042.wav";
        put(key, wav(Duration.ofMillis(2_750)), Map.of("recorded-at", "2026-11-22T10:00:00Z"));

        assertThat(deliver(receive(1)).getBatchItemFailures()).isEmpty();

        CatalogueEntry entry = entry(key);
        assertThat(entry.duration()).isEqualTo(Duration.ofMillis(2_750));
        assertThat(entry.callId()).contains("CTI-88 0042");
        assertThat(rawItem(key)).contains("councilCallId=AttributeValue(S=rutland#CTI-88 0042)").contains("durationMillis=AttributeValue(N=2750)");
    }

    @Test
    void upload_whenMp3_cataloguesNoDuration() {
        String key = "rutland/customer-services/phone/2026/11/22/CTI-88 0043.mp3";
        put(key, MP3, Map.of("recorded-at", "2026-11-22T10:05:00Z"));

        assertThat(deliver(receive(1)).getBatchItemFailures()).isEmpty();

        assertThat(entry(key).duration()).isNull();
        assertThat(entry(key).callId()).contains("CTI-88 0043");
        assertThat(rawItem(key)).doesNotContain("durationMillis");
    }

    @Test
    void upload_whenKeyHasSpacesAndAccentedLetters_isDecodedAndTagged() {
        String key = "rutland/customer-services/phone/2026/11/20/call 7 Zoë+Åsa.wav";
        put(key, WAV, Map.of("recorded-at", "2026-11-20T11:00:00Z"));

        assertThat(deliver(receive(1)).getBatchItemFailures()).isEmpty();

        assertThat(tags(key, null)).containsEntry("retention", "P3M").containsEntry("expires", "2027-02-20");
        assertThat(entry(key).objectKey()).isEqualTo(key);
    }

    static Stream<Arguments> quarantineCauses() {
        LocalDate tomorrow = LocalDate.now(UK).plusDays(1);
        String future = tomorrow.toString().replace('-', '/');
        return Stream.of(
                Arguments.of("uploads/misc/call.wav", WAV, Map.of(), QuarantineReason.KEY_UNPARSEABLE),
                Arguments.of("barsetshire/customer-services/phone/2026/11/20/q2.wav", WAV, Map.of(), QuarantineReason.UNKNOWN_COUNCIL),
                Arguments.of("rutland/planning/phone/2026/11/20/q3.wav", WAV, Map.of(), QuarantineReason.UNKNOWN_TEAM),
                Arguments.of("rutland/customer-services/fax/2026/11/20/q4.wav", WAV, Map.of(), QuarantineReason.UNKNOWN_CHANNEL),
                Arguments.of("rutland/customer-services/phone/2026/11/20/q5.wav", new byte[0], Map.of(), QuarantineReason.EMPTY_OBJECT),
                Arguments.of("rutland/customer-services/phone/2026/11/20/q6.mp3", CHAT, Map.of(), QuarantineReason.CONTENT_MISMATCH),
                Arguments.of("rutland/customer-services/phone/2026/11/20/q7.wav", WAV,
                        Map.of("recorded-at", "2026-11-19T10:00:00Z"), QuarantineReason.DATE_MISMATCH),
                Arguments.of("newark-sherwood/customer-services/webchat/2022/02/22/q8.json", CHAT, Map.of(),
                        QuarantineReason.BEFORE_RECORDING_BEGAN),
                Arguments.of("rutland/customer-services/phone/" + future + "/q9.wav", WAV,
                        Map.of("recorded-at", tomorrow.atTime(12, 0).atZone(UK).toInstant().toString()), QuarantineReason.RECORDED_IN_FUTURE));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("quarantineCauses")
    void upload_whenItCannotBeClassified_isQuarantinedVisiblyForThirtyDays(String key, byte[] bytes, Map<String, String> metadata,
                                                                          QuarantineReason reason) {
        LOG.reset();
        String versionId = put(key, bytes, metadata);

        assertThat(deliver(receive(1)).getBatchItemFailures()).isEmpty();

        String expires = LocalDate.now(UK).plusDays(30).toString();
        assertThat(tags(key, versionId)).containsEntry("retention", "quarantine").containsEntry("quarantine", reason.code())
                .containsEntry("expires", expires);
        CatalogueEntry entry = entry(key);
        assertThat(entry.state()).isEqualTo(RecordingState.QUARANTINED);
        assertThat(entry.quarantineReason()).isEqualTo(reason.code());
        assertThat(entry.expiresOn()).isEqualTo(LocalDate.parse(expires));
        assertThat(LOG.toString(UTF_8)).contains("\"RecordingsQuarantined\":1").contains("\"Reason\":\"" + reason.code() + "\"");
    }

    @Test
    void upload_whenSixtyMegabyteWavArrivesInParts_isTaggedReadingOnlyItsFirstBytes() {
        String key = "rotherham/contact-centre/phone/2026/11/24/long-call.wav";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).metadata(Map.of("recorded-at", "2026-11-24T09:00:00Z")))
                .uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        byte[] part = new byte[10 * 1024 * 1024];
        System.arraycopy(WAV, 0, part, 0, WAV.length);
        for (int number = 1; number <= 6; number++) {
            int n = number;
            String eTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(n), RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            part[0] = 0;
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));

        assertThat(deliver(receive(1)).getBatchItemFailures()).isEmpty();

        assertThat(tags(key, null)).containsEntry("retention", "P6M").containsEntry("expires", "2027-05-24");
        assertThat(entry(key).sizeBytes()).isEqualTo(60L * 1024 * 1024);
    }

    @Test
    void tagging_whenUploadCarriesNoPersonalMetadata_makesFourAwsCalls() {
        put("rutland/customer-services/phone/2026/11/23/count.wav", WAV, Map.of("recorded-at", "2026-11-23T09:00:00Z", "direction", "inbound"));

        assertThat(callsToDeliver(receive(1))).containsExactly("HeadObject", "GetObject", "PutItem", "PutObjectTagging");
        assertThat(receive(0).getRecords()).isEmpty();
    }

    @Test
    void tagging_whenUploadCarriesTheCallersNumber_makesSevenAwsCallsAndTwoForTheCopysEvent() {
        put("rutland/customer-services/phone/2026/11/23/count-caller.wav", WAV, Map.of("recorded-at", "2026-11-23T09:00:00Z", "caller", "01572 722577"));

        assertThat(callsToDeliver(receive(1))).containsExactly("HeadObject", "GetObject", "PutItem", "PutObjectTagging",
                "CopyObject", "UpdateItem", "DeleteObject");
        assertThat(callsToDeliver(receive(1))).as("the copy's event").containsExactly("HeadObject", "UpdateItem");
    }

    @Test
    void event_whenDeliveredTwice_changesNothingTheSecondTime() {
        String key = "rutland/customer-services/phone/2026/11/22/twice.wav";
        put(key, WAV, Map.of("recorded-at", "2026-11-22T09:00:00Z"));
        SQSEvent event = receive(1);
        deliver(event);
        String firstItem = rawItem(key);
        Map<String, String> firstTags = tags(key, null);

        assertThat(deliver(event).getBatchItemFailures()).isEmpty();

        assertThat(rawItem(key)).isEqualTo(firstItem);
        assertThat(tags(key, null)).isEqualTo(firstTags);
    }

    @Test
    void event_whenRecordingWasHeldSinceTagging_leavesTheHoldAlone() {
        String key = "rutland/customer-services/phone/2026/11/21/held.wav";
        String versionId = put(key, WAV, Map.of("recorded-at", "2026-11-21T09:00:00Z"));
        SQSEvent event = receive(1);
        deliver(event);
        CatalogueItem held = catalogue.getItem(Key.builder().partitionValue(RecordingId.forKey(key)).build());
        CatalogueEntry e = held.toEntry();
        catalogue.putItem(CatalogueItem.from(CatalogueEntryBuilder.from(e).state(RecordingState.HELD).quarantineReason(null).quarantineDetail(null)
                .build()));
        s3.putObjectTagging(b -> b.bucket(bucket).key(key).versionId(versionId).tagging(t -> t.tagSet(Tag.builder().key("retention").value("held").build())));

        assertThat(deliver(event).getBatchItemFailures()).isEmpty();

        assertThat(entry(key).state()).isEqualTo(RecordingState.HELD);
        assertThat(tags(key, versionId)).containsExactly(Map.entry("retention", "held"));
    }

    @Test
    void upload_whenOldCallArrivesAfterItsExpiry_isFiledForTheNextSweep() {
        String key = "rutland/customer-services/phone/2025/06/02/late.wav";
        put(key, WAV, Map.of("recorded-at", "2025-06-02T09:00:00Z"));

        assertThat(deliver(receive(1)).getBatchItemFailures()).isEmpty();

        assertThat(entry(key).expiresOn()).isEqualTo(LocalDate.of(2025, 9, 2));
        assertThat(aws.clients().dynamoDb().getItem(b -> b.tableName(aws.stack().tableName("CatalogueTable"))
                        .key(Map.of("recordingId", AttributeValue.fromS(RecordingId.forKey(key))))).item().get("expiryShard").s())
                .startsWith(LocalDate.now(UK) + "#");
    }

    @Test
    void upload_whenKeyBelongedToADeletedRecording_isCataloguedAndTaggedAnew() {
        String key = "rutland/customer-services/phone/2026/11/16/reused.wav";
        put(key, WAV, Map.of("recorded-at", "2026-11-16T09:00:00Z"));
        deliver(receive(1));
        CatalogueEntry e = entry(key);
        catalogue.putItem(CatalogueItem.from(anEntry().recordingId(e.recordingId()).versionId(e.versionId()).state(RecordingState.DELETED)
                .council(e.council()).team(e.team()).channel(e.channel()).recordedOn(e.recordedOn()).retentionClass(e.retentionClass())
                .expiresOn(e.expiresOn()).policyRef(e.policyRef()).cataloguedAt(e.cataloguedAt()).build()));
        s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(e.versionId()));
        String reuploaded = put(key, WAV, Map.of("recorded-at", "2026-11-16T09:00:00Z"));

        assertThat(deliver(receive(1)).getBatchItemFailures()).isEmpty();

        assertThat(entry(key).state()).isEqualTo(RecordingState.ACTIVE);
        assertThat(entry(key).versionId()).isEqualTo(reuploaded);
        assertThat(tags(key, reuploaded)).containsEntry("retention", "P3M");
    }

    @Test
    void events_whenOlderVersionArrivesAfterNewer_keepTheNewerVersion() {
        String key = "rutland/customer-services/phone/2026/11/19/two-versions.wav";
        String older = put(key, WAV, Map.of("recorded-at", "2026-11-19T09:00:00Z"));
        String newer = put(key, WAV, Map.of("recorded-at", "2026-11-19T09:05:00Z"));
        receive(2);

        assertThat(deliver(awsEvent(key, newer, "0055AED6DCD90281E6")).getBatchItemFailures()).isEmpty();
        assertThat(deliver(awsEvent(key, older, "0055AED6DCD90281E5")).getBatchItemFailures()).isEmpty();

        CatalogueEntry entry = entry(key);
        assertThat(entry.versionId()).isEqualTo(newer);
        assertThat(entry.recordedAt()).isEqualTo(Instant.parse("2026-11-19T09:05:00Z"));
        assertThat(tags(key, older)).isEmpty();
        assertThat(tags(key, newer)).containsEntry("retention", "P3M");
    }

    @Test
    void upload_whenPlatformSetItsOwnTags_keepsThemWithinTen() {
        String key = "rutland/customer-services/phone/2026/11/18/own-tags.wav";
        String versionId = s3.putObject(b -> b.bucket(bucket).key(key).tagging("a=1&b=2&c=3&d=4&e=5&retention=forever"),
                RequestBody.fromBytes(WAV)).versionId();

        assertThat(deliver(receive(1)).getBatchItemFailures()).isEmpty();

        assertThat(tags(key, versionId)).hasSize(10).containsEntry("retention", "P3M")
                .containsEntry("a", "1").containsEntry("d", "4").doesNotContainKey("e");
    }

    @Test
    void batch_whenSomeMessagesAreBad_failsOnlyThoseAndTagsTheRest() {
        String good = "rutland/customer-services/phone/2026/11/17/good.wav";
        put(good, WAV, Map.of());
        String gone = "rutland/customer-services/phone/2026/11/17/gone.wav";
        String goneVersion = put(gone, WAV, Map.of());
        SQSEvent event = receive(2);
        s3.deleteObject(b -> b.bucket(bucket).key(gone).versionId(goneVersion));
        event.getRecords().add(message("not-json", "this is not an S3 event"));
        event.getRecords().add(message("other-bucket", awsEvent(good, "v", "01").getRecords().get(0).getBody()
                .replace("\"" + bucket + "\"", "\"someone-elses-bucket\"")));

        SQSBatchResponse response = deliver(event);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyInAnyOrder("not-json", "other-bucket");
        assertThat(tags(good, null)).containsEntry("retention", "P3M");
        assertThat(LOG.toString(UTF_8)).contains("\"messageId\":\"not-json\"").contains("\"outcome\":\"GONE\"");
    }

    @Test
    void upload_whenItCarriesCallerAndAgent_keepsOneVersionWithoutThem() {
        String key = "rutland/customer-services/phone/2026/11/15/personal.wav";
        String uploaded = s3.putObject(b -> b.bucket(bucket).key(key).contentType("audio/wav").tagging("batch=7")
                .metadata(Map.of("recorded-at", "2026-11-15T09:00:00Z", "caller", "01572 722577", "agent", "a-7",
                        "direction", "inbound", "caller-name", "Ann Smith")), RequestBody.fromBytes(WAV)).versionId();

        assertThat(deliver(receive(1)).getBatchItemFailures()).isEmpty();
        deliverTheCopysEvent();

        String kept = onlyVersion(key);
        assertThat(kept).isNotEqualTo(uploaded);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key).versionId(kept));
        assertThat(head.metadata()).containsEntry("recorded-at", "2026-11-15T09:00:00Z").containsEntry("direction", "inbound")
                .doesNotContainKeys("caller", "agent", "caller-name");
        assertThat(head.metadata().values()).noneMatch(value -> value.contains("722577") || value.contains("Ann"));
        assertThat(head.contentType()).isEqualTo("audio/wav");
        assertThat(tags(key, kept)).containsEntry("retention", "P3M").containsEntry("expires", "2027-02-15").containsEntry("batch", "7");
        CatalogueEntry entry = entry(key);
        assertThat(entry.versionId()).isEqualTo(kept);
        assertThat(entry.callerHash()).hasSize(64);
        assertThat(entry.agent()).isEqualTo("a-7");
        assertThat(LOG.toString(UTF_8)).doesNotContain("722577");
    }

    @Test
    void playbackLink_whenRecordingCarriedTheCallersNumber_answersWithoutIt() throws Exception {
        String key = "rutland/customer-services/phone/2026/11/15/played.wav";
        put(key, WAV, Map.of("recorded-at", "2026-11-15T10:00:00Z", "caller", "01572 722577"));
        deliver(receive(1));
        deliverTheCopysEvent();
        CatalogueEntry entry = entry(key);

        URI link = new S3PlaybackLinks(AwsClients.fromEnvironment(aws.environmentOf("TagRecordingFunction")).s3Presigner(), bucket)
                .sign(entry, RecordingMedia.toSave(entry), Duration.ofMinutes(5));
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(WAV);
        assertThat(download.headers().map().keySet()).noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).contains("caller"));
        assertThat(download.headers().map().values()).flatMap(values -> values).noneMatch(value -> value.contains("722577"));
    }

    @Test
    void copysEvent_whenDeliveredAgainAfterTheScrub_changesNothing() {
        String key = "rutland/customer-services/phone/2026/11/14/copy-twice.wav";
        put(key, WAV, Map.of("recorded-at", "2026-11-14T09:00:00Z", "caller", "01572 722577"));
        deliver(receive(1));
        SQSEvent copysEvent = receive(1);
        deliver(copysEvent);
        String item = rawItem(key);
        String kept = onlyVersion(key);
        Map<String, String> tags = tags(key, kept);
        LOG.reset();

        assertThat(deliver(copysEvent).getBatchItemFailures()).isEmpty();

        assertThat(rawItem(key)).isEqualTo(item);
        assertThat(onlyVersion(key)).isEqualTo(kept);
        assertThat(tags(key, kept)).isEqualTo(tags);
        assertThat(LOG.toString(UTF_8)).contains("\"outcome\":\"SCRUBBED_COPY\"");
        assertThat(receive(0).getRecords()).as("no further copy, so no loop").isEmpty();
    }

    @Test
    void uploadsEvent_whenReplayedAfterTheScrub_findsItGoneAndChangesNothing() {
        String key = "rutland/customer-services/phone/2026/11/14/replayed.wav";
        put(key, WAV, Map.of("recorded-at", "2026-11-14T10:00:00Z", "caller", "01572 722577"));
        SQSEvent uploadsEvent = receive(1);
        deliver(uploadsEvent);
        deliverTheCopysEvent();
        String item = rawItem(key);
        String kept = onlyVersion(key);

        assertThat(deliver(uploadsEvent).getBatchItemFailures()).isEmpty();

        assertThat(rawItem(key)).isEqualTo(item);
        assertThat(onlyVersion(key)).isEqualTo(kept);
        assertThat(receive(0).getRecords()).isEmpty();
    }

    @Test
    void scrub_whenTaggerStopsBeforeRepointing_isFinishedByTheCopysEvent() {
        String key = "rutland/customer-services/phone/2026/11/13/stop-before-repoint.wav";
        String uploaded = put(key, WAV, WITH_CALLER);
        SQSEvent uploadsEvent = deliverStoppingBefore("UpdateItem");

        assertThat(entry(key).versionId()).as("the catalogue claims no copy yet").isEqualTo(uploaded);
        assertThat(tags(key, uploaded)).containsEntry("retention", "P3M");

        deliverTheCopysEvent();
        assertThat(deliver(uploadsEvent).getBatchItemFailures()).isEmpty();

        assertScrubbedOnce(key);
        assertThat(receive(0).getRecords()).isEmpty();
    }

    @Test
    void scrub_whenTaggerStopsBeforeRepointing_convergesWhenTheUploadsEventIsRetriedFirst() {
        String key = "rutland/customer-services/phone/2026/11/13/retried-first.wav";
        put(key, WAV, WITH_CALLER);
        SQSEvent uploadsEvent = deliverStoppingBefore("UpdateItem");
        SQSEvent firstCopysEvent = receive(1);

        assertThat(deliver(uploadsEvent).getBatchItemFailures()).isEmpty();
        deliverTheCopysEvent();
        assertThat(deliver(firstCopysEvent).getBatchItemFailures()).isEmpty();

        assertScrubbedOnce(key);
    }

    @Test
    void scrub_whenTheUploadsRetryRacesTheCopysEvent_convergesEveryTime() throws Exception {
        ExecutorService twoInstances = Executors.newFixedThreadPool(2);
        try {
            for (int attempt = 1; attempt <= 12; attempt++) {
                String key = "rutland/customer-services/phone/2026/11/13/race-" + attempt + ".wav";
                put(key, WAV, WITH_CALLER);
                SQSEvent uploadsEvent = deliverStoppingBefore("UpdateItem");
                SQSEvent copysEvent = receive(1);

                Future<SQSBatchResponse> retry = twoInstances.submit(() -> deliver(uploadsEvent));
                Future<SQSBatchResponse> copy = twoInstances.submit(() -> deliver(copysEvent));
                // A step that lost the race (its version deleted under it) fails, and SQS delivers it again.
                if (!retry.get().getBatchItemFailures().isEmpty()) {
                    assertThat(deliver(uploadsEvent).getBatchItemFailures()).isEmpty();
                }
                assertThat(copy.get().getBatchItemFailures()).isEmpty();
                for (SQSEvent further = receive(0); !further.getRecords().isEmpty(); further = receive(0)) {
                    assertThat(deliver(further).getBatchItemFailures()).isEmpty();
                }

                assertScrubbedOnce(key);
            }
        } finally {
            twoInstances.shutdownNow();
        }
    }

    @Test
    void scrub_whenTaggerStopsBeforeDeletingTheOldVersion_convergesOnReplay() {
        String key = "rutland/customer-services/phone/2026/11/13/stop-before-delete.wav";
        put(key, WAV, WITH_CALLER);
        SQSEvent uploadsEvent = deliverStoppingBefore("DeleteObject");
        deliverTheCopysEvent();
        assertThat(versions(key)).hasSize(2);

        assertThat(deliver(uploadsEvent).getBatchItemFailures()).isEmpty();

        assertScrubbedOnce(key);
    }

    @Test
    void scrub_whenHoldCameBeforeTheRepoint_deletesNothing() {
        String key = "rutland/customer-services/phone/2026/11/13/held-midway.wav";
        String uploaded = put(key, WAV, WITH_CALLER);
        SQSEvent uploadsEvent = deliverStoppingBefore("UpdateItem");
        String recordingId = RecordingId.forKey(key);
        HoldOutcome placed = holdService().place(new HoldRequest(recordingId, "complaint-or-dispute", "CMP-1", "dpo-1", LocalDate.now(UK).plusMonths(1)), unaudited -> { });
        assertThat(placed).isInstanceOf(HoldOutcome.Placed.class);

        assertThat(deliver(uploadsEvent).getBatchItemFailures()).isEmpty();
        deliverTheCopysEvent();

        assertThat(versions(key)).contains(uploaded);
        assertThat(entry(key).state()).isEqualTo(RecordingState.HELD);
        assertThat(entry(key).versionId()).isEqualTo(uploaded);
        assertThat(legalHold(key, uploaded)).isTrue();
    }

    @Test
    void reupload_whenItCameBeforeTheFirstUploadsCopy_staysTheNewestVersion() {
        String key = "rutland/customer-services/phone/2026/11/13/re-uploaded.wav";
        String first = put(key, WAV, WITH_CALLER);
        String reuploaded = put(key, WAV, Map.of("recorded-at", "2026-11-13T09:00:00Z"));
        receive(2);

        assertThat(deliver(awsEvent(key, first, "0055AED6DCD90281E5")).getBatchItemFailures()).isEmpty();
        String copy = entry(key).versionId();
        assertThat(versions(key).get(0)).as("the copy of the first upload sits above the re-upload").isEqualTo(copy);
        assertThat(deliver(awsEvent(key, copy, "0055AED6DCD90281E7")).getBatchItemFailures()).isEmpty();
        receive(1);
        assertThat(deliver(awsEvent(key, reuploaded, "0055AED6DCD90281E6")).getBatchItemFailures()).isEmpty();

        assertThat(entry(key).versionId()).isEqualTo(reuploaded);
        assertThat(onlyVersion(key)).as("the catalogued version is the newest, so no lifecycle rule takes it").isEqualTo(reuploaded);
    }

    @Test
    void hold_whenPlacedAfterTheScrub_locksTheVersionThatIsKept() {
        String key = "rutland/customer-services/phone/2026/11/12/held-after.wav";
        put(key, WAV, Map.of("recorded-at", "2026-11-12T10:00:00Z", "caller", "01572 722577"));
        deliver(receive(1));
        deliverTheCopysEvent();

        assertThat(holdService().place(new HoldRequest(RecordingId.forKey(key), "police", "CRIME-9", "dpo-1", LocalDate.now(UK).plusMonths(1)), unaudited -> { }))
                .isInstanceOf(HoldOutcome.Placed.class);

        String kept = onlyVersion(key);
        assertThat(legalHold(key, kept)).isTrue();
        assertThat(tags(key, kept)).containsEntry("retention", "held");
    }

    @Test
    void reupload_whenTheRecordingIsHeld_isLockedForTheHoldUntilItIsReleased() {
        String key = "rutland/customer-services/phone/2026/11/14/held-reupload.wav";
        String first = put(key, WAV, Map.of("recorded-at", "2026-11-14T09:00:00Z"));
        deliver(receive(1));
        String recordingId = RecordingId.forKey(key);
        HoldOutcome placed = holdService().place(new HoldRequest(recordingId, "police", "CRIME-21", "dpo-1", LocalDate.now(UK).plusMonths(1)), unaudited -> { });
        assertThat(placed).isInstanceOf(HoldOutcome.Placed.class);

        String reuploaded = put(key, WAV, WITH_CALLER);
        assertThat(deliver(receive(1)).getBatchItemFailures()).isEmpty();

        assertThat(entry(key).state()).isEqualTo(RecordingState.HELD);
        assertThat(entry(key).versionId()).as("the hold keeps the recording it was placed on").isEqualTo(first);
        assertThat(legalHold(key, reuploaded)).as("a version stored under a held recording's key is part of it").isTrue();
        assertThat(legalHold(key, first)).isTrue();

        holdService().release(recordingId, ((HoldOutcome.Placed) placed).hold().holdId(), "dpo-1", unaudited -> { });

        assertThat(versions(key)).containsExactlyInAnyOrder(first, reuploaded).allSatisfy(version -> assertThat(legalHold(key, version)).isFalse());
    }

    @Test
    void scrub_whenTheHoldIsPlacedBetweenCataloguingAndCopying_locksTheCopyToo() {
        String key = "rutland/customer-services/phone/2026/11/14/held-before-copy.wav";
        Uploads uploads = new Uploads(aws);
        Upload upload = uploads.upload(key, Map.of("recorded-at", "2026-11-14T09:00:00Z", "caller", "01572 722577"));
        HoldService holds = holdService();
        HoldRequest request = new HoldRequest(RecordingId.forKey(key), "police", "CRIME-22", "dpo-1", LocalDate.now(UK).plusMonths(1));
        List<HoldOutcome> placed = new ArrayList<>();
        RecordingTagger holdBeforeCopying = uploads.tagger(store -> (RecordingStore) Proxy.newProxyInstance(RecordingStore.class.getClassLoader(),
                new Class<?>[] {RecordingStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("copyWithMetadata")) {
                        placed.add(holds.place(request, unaudited -> { }));
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));

        assertThat(holdBeforeCopying.tag(upload).personalMetadata()).isEqualTo(MetadataScrub.Result.LEFT_HELD);
        assertThat(deliver(receive(2)).getBatchItemFailures()).as("the upload's and the copy's events").isEmpty();

        assertThat(placed).singleElement().isInstanceOf(HoldOutcome.Placed.class);
        assertThat(entry(key).state()).isEqualTo(RecordingState.HELD);
        assertThat(versions(key)).hasSize(2).allSatisfy(version -> assertThat(legalHold(key, version)).as("version %s locked", version).isTrue());
    }

    @Test
    void upload_whenItForgesTheScrubbedCopysMarker_isClassifiedAndScrubbedLikeAnyOther() {
        String key = "rutland/customer-services/phone/2026/11/11/forged.wav";
        put(key, WAV, Map.of("recorded-at", "2026-11-11T09:00:00Z", "caller", "01572 722577",
                "scrubbed-from", "some-version", "scrub-seal", "0".repeat(64)));

        assertThat(deliver(receive(1)).getBatchItemFailures()).isEmpty();
        deliverTheCopysEvent();

        String kept = onlyVersion(key);
        assertThat(entry(key).versionId()).isEqualTo(kept);
        assertThat(entry(key).callerHash()).hasSize(64);
        assertThat(s3.headObject(b -> b.bucket(bucket).key(key).versionId(kept)).metadata()).doesNotContainKey("caller")
                .doesNotContainEntry("scrubbed-from", "some-version");
    }

    /** Silence of that length as the JDK's own WAV writer writes it: 8 kHz, 16-bit, mono, as call recorders commonly do. */
    private static byte[] wav(Duration length) throws IOException {
        AudioFormat format = new AudioFormat(8000, 16, 1, true, false);
        int frames = (int) (length.toMillis() * 8);
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(new byte[frames * 2]), format, frames), AudioFileFormat.Type.WAVE, wav);
        return wav.toByteArray();
    }

    private static String put(String key, byte[] bytes, Map<String, String> metadata) {
        return s3.putObject(b -> b.bucket(bucket).key(key).metadata(metadata), RequestBody.fromBytes(bytes)).versionId();
    }

    /** Takes what the bucket's notification put on the queue, as the event source mapping would. */
    private static SQSEvent receive(int expected) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10_000;
        do {
            for (Message m : aws.clients().sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(expected == 0 ? 0 : 1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages()) {
                aws.clients().sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                records.add(message(m.messageId(), m.body()));
            }
        } while (records.size() < expected && System.currentTimeMillis() < deadline);
        assertThat(records).hasSizeGreaterThanOrEqualTo(expected);
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setBody(body);
        message.setEventSource("aws:sqs");
        return message;
    }

    /** An event as AWS itself sends it, with the version id and sequencer that moto leaves out. */
    private static SQSEvent awsEvent(String key, String versionId, String sequencer) {
        String encoded = java.net.URLEncoder.encode(key, UTF_8).replace("%2F", "/");
        String body = """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-west-2","eventName":"ObjectCreated:Put",
                 "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},
                       "object":{"key":"%s","size":20,"versionId":"%s","sequencer":"%s"}}}]}"""
                .formatted(bucket, bucket, encoded, versionId, sequencer);
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>(List.of(message(UUID.randomUUID().toString(), body))));
        return event;
    }

    /**
     * Delivers the upload's event with the tagger stopped just before that call, as a crash there would stop it;
     * returns the event, for SQS to deliver again.
     */
    private static SQSEvent deliverStoppingBefore(String operation) {
        SQSEvent uploadsEvent = receive(1);
        CallCounter.failNextCallTo(operation);
        assertThat(deliver(uploadsEvent).getBatchItemFailures()).hasSize(1);
        return uploadsEvent;
    }

    private static void deliverTheCopysEvent() {
        assertThat(deliver(receive(1)).getBatchItemFailures()).isEmpty();
    }

    /** Exactly one version is left, the one the catalogue names, and it carries no caller. */
    private static void assertScrubbedOnce(String key) {
        String kept = onlyVersion(key);
        CatalogueEntry entry = entry(key);
        assertThat(entry.versionId()).isEqualTo(kept);
        assertThat(entry.callerHash()).hasSize(64);
        assertThat(s3.headObject(b -> b.bucket(bucket).key(key).versionId(kept)).metadata()).doesNotContainKey("caller");
        assertThat(tags(key, kept)).containsEntry("retention", "P3M");
    }

    private static String onlyVersion(String key) {
        List<String> versions = versions(key);
        assertThat(versions).as("versions of %s", key).hasSize(1);
        return versions.get(0);
    }

    /** Every version and delete marker of exactly that key. */
    private static List<String> versions(String key) {
        ListObjectVersionsResponse listed = s3.listObjectVersions(b -> b.bucket(bucket).prefix(key));
        return Stream.concat(
                listed.versions().stream().filter(v -> v.key().equals(key)).map(ObjectVersion::versionId),
                listed.deleteMarkers().stream().filter(m -> m.key().equals(key)).map(m -> "delete-marker:" + m.versionId())).toList();
    }

    private static boolean legalHold(String key, String versionId) {
        return s3.getObjectLegalHold(b -> b.bucket(bucket).key(key).versionId(versionId)).legalHold().status() == ObjectLockLegalHoldStatus.ON;
    }

    private static HoldService holdService() {
        Map<String, String> environment = aws.environmentOf("ExpireRecordingsFunction");
        return RetentionRepositories.fromEnvironment(s3, aws.clients().dynamoDb(), environment)
                .holdService(PolicyBook.bundled(environment), Clock.systemUTC());
    }

    /** The AWS calls the function makes for that event, which it must handle without failure. */
    private static List<String> callsToDeliver(SQSEvent event) {
        CallCounter.reset();
        assertThat(deliver(event).getBatchItemFailures()).isEmpty();
        return CallCounter.calls();
    }

    private static SQSBatchResponse deliver(SQSEvent event) {
        return handler.handleRequest(event, TestLambdaContext.of("TagRecordingFunction"));
    }

    private static Map<String, String> tags(String key, String versionId) {
        return s3.getObjectTagging(b -> b.bucket(bucket).key(key).versionId(versionId)).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b, LinkedHashMap::new));
    }

    private static CatalogueEntry entry(String key) {
        CatalogueItem item = catalogue.getItem(Key.builder().partitionValue(RecordingId.forKey(key)).build());
        assertThat(item).as("catalogue item for %s", key).isNotNull();
        return item.toEntry();
    }

    private static String rawItem(String key) {
        return new HashMap<>(aws.clients().dynamoDb().getItem(b -> b.tableName(aws.stack().tableName("CatalogueTable"))
                .key(Map.of("recordingId", AttributeValue.fromS(RecordingId.forKey(key)))))
                .item()).toString();
    }
}
