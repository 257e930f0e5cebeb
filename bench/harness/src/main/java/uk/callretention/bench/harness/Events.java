package uk.callretention.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import uk.callretention.bench.runner.Json;
import uk.callretention.local.aws.LocalAwsClients;

/**
 * What each run is invoked with, made on the provisioned stack: a fresh upload's own S3 notification for every
 * tag-recording invocation (so every one catalogues a new recording, as a real upload would); the template's sample
 * HTTP API request, pointed at a catalogued recording and made by a different member of staff each time, so no run's
 * playback counts against another's browsing limit; the same request made a hold; and the sweep's scheduled input.
 */
final class Events {
    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final String SAMPLE_RECORDING = "rec-2a5f19cfe49d27bdf4a76abc02d2e242";
    private static final String SAMPLE_SUBJECT = "7d8e9f00-1a2b-4c3d-8e9f-0a1b2c3d4e5f";

    private final LocalAwsClients clients;
    private final String bucket;
    private final String uploadsQueueUrl;
    private final String catalogueTable;
    private final Path folder;
    private final AtomicInteger made = new AtomicInteger();

    Events(LocalAwsClients clients, String bucket, String uploadsQueueUrl, String catalogueTable, Path folder) {
        this.clients = clients;
        this.bucket = bucket;
        this.uploadsQueueUrl = uploadsQueueUrl;
        this.catalogueTable = catalogueTable;
        this.folder = folder;
    }

    /**
     * Uploads a short telephone WAV under a Rutland customer-services key dated today, as the contact-centre platform
     * would, and turns the notification S3 queued for it into the SQS event Lambda would deliver.
     *
     * @return the event file and the object key
     */
    Upload upload() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String day = ZonedDateTime.ofInstant(now, UK).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"));
        String key = "rutland/customer-services/phone/" + day + "/bench-" + UUID.randomUUID() + ".wav";
        clients.s3().putObject(b -> b.bucket(bucket).key(key).contentType("audio/wav")
                .metadata(Map.of("recorded-at", now.toString(), "direction", "inbound")), RequestBody.fromBytes(wav()));
        Message message = notificationOf(key);
        clients.sqs().deleteMessage(b -> b.queueUrl(uploadsQueueUrl).receiptHandle(message.receiptHandle()));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("messageId", message.messageId());
        record.put("receiptHandle", message.receiptHandle());
        record.put("body", message.body());
        record.put("attributes", Map.of());
        record.put("messageAttributes", Map.of());
        record.put("md5OfBody", message.md5OfBody());
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", "arn:aws:sqs:eu-west-2:123456789012:UploadsQueue");
        record.put("awsRegion", "eu-west-2");
        String event = Json.write(Map.of("Records", List.of(record)));
        return new Upload(write("upload", event), key);
    }

    record Upload(Path event, String key) {
    }

    private Message notificationOf(String key) {
        for (int attempt = 0; attempt < 10; attempt++) {
            List<Message> messages = clients.sqs()
                    .receiveMessage(b -> b.queueUrl(uploadsQueueUrl).maxNumberOfMessages(10).waitTimeSeconds(2))
                    .messages();
            for (Message message : messages) {
                if (message.body().contains(key.substring(key.lastIndexOf('/') + 1))) {
                    return message;
                }
                clients.sqs().deleteMessage(b -> b.queueUrl(uploadsQueueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        throw new IllegalStateException("S3 queued no notification for " + key + " on " + uploadsQueueUrl);
    }

    /** Object key to recording id, of everything catalogued. */
    Map<String, String> recordingIds() {
        Map<String, String> ids = new HashMap<>();
        clients.dynamoDb().scanPaginator(b -> b.tableName(catalogueTable).consistentRead(true)).items()
                .forEach(item -> ids.put(item.getOrDefault("objectKey", AttributeValue.fromS("")).s(), item.get("recordingId").s()));
        return ids;
    }

    /** The template's sample POST /recordings/{recordingId}/playback-url, for that recording, by a member of staff of its own. */
    Path playback(Path sample, String recordingId) {
        String text = read(sample);
        if (!text.contains(SAMPLE_RECORDING) || !text.contains(SAMPLE_SUBJECT)) {
            throw new IllegalStateException(sample + " no longer names " + SAMPLE_RECORDING + " and subject " + SAMPLE_SUBJECT);
        }
        return write("playback", text.replace(SAMPLE_RECORDING, recordingId).replace(SAMPLE_SUBJECT, UUID.randomUUID().toString()));
    }

    /**
     * The same sample made {@code POST /recordings/{recordingId}/holds} on that recording, for a complaint, to be
     * reviewed in a month.
     */
    Path hold(Path sample, String recordingId) {
        String playback = read(playback(sample, recordingId));
        String body = "\\\"purpose\\\":\\\"complaint\\\",\\\"reference\\\":\\\"CMP-2026-0117\\\"";
        if (!playback.contains(body)) {
            throw new IllegalStateException(sample + " no longer has the body " + body);
        }
        String reviewOn = LocalDate.now(UK).plusMonths(1).toString();
        return write("hold", playback.replace("/playback-url", "/holds").replace(body,
                "\\\"reason\\\":\\\"complaint-or-dispute\\\",\\\"reference\\\":\\\"CMP-2026-0117\\\",\\\"reviewOn\\\":\\\"" + reviewOn + "\\\""));
    }

    /** The expiry sweep's scheduled input, as the template's schedule gives it. */
    Path sweep() {
        return write("sweep", "{\"mode\": \"sweep\"}");
    }

    private Path write(String kind, String text) {
        try {
            Files.createDirectories(folder);
            return Files.writeString(folder.resolve(kind + "-" + made.incrementAndGet() + ".json"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A second of 8 kHz 16-bit mono silence: a WAV whose header the tagger reads a duration from. */
    static byte[] wav() {
        int samples = 8000;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000)
                .putInt(16000).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        return wav.array();
    }
}
