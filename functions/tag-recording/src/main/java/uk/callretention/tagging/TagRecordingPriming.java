package uk.callretention.tagging;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.PrimingHttpClient;
import uk.callretention.aws.PrimingHttpClient.Answer;
import uk.callretention.aws.PrimingInvocation;
import uk.callretention.aws.PrimingRecording;
import uk.callretention.aws.SnapStartPriming;

/**
 * The usual requests of this jar's functions, made before a SnapStart snapshot (see {@link SnapStartPriming}), about
 * one recording ({@link PrimingRecording}). TagRecording: the contact-centre platform uploads a WAV call recording with
 * the caller's number in its metadata; the tagger reads its header, tags and catalogues it, and scrubs the number off by
 * copying it (as events/sqs-s3-upload.json, in the function's own bucket). ScrubMetadata: a dry run over a catalogue page
 * holding that recording. ReconcileRecordings: the daily run, finding that recording tagged and catalogued, and the
 * dead-letter queue empty.
 */
final class TagRecordingPriming {

    private static final String KEY = PrimingRecording.KEY;
    private static final String VERSION = PrimingRecording.VERSION_ID;
    private static final String ETAG = PrimingRecording.ETAG;
    /** A WAV header: PCM, mono, 8 kHz, 16-bit, 480,000 bytes of audio (30 seconds). */
    private static final byte[] WAV_HEADER = ("RIFF\u0024\u0053\u0007\0WAVEfmt \u0010\0\0\0\u0001\0\u0001\0\u0040\u001f\0\0\u0080\u003e\0\0"
            + "\u0002\0\u0010\0data\0\u0053\u0007\0").getBytes(StandardCharsets.ISO_8859_1);

    private TagRecordingPriming() {
    }

    /** The priming clients' HTTP client, with AWS's answers to the usual requests. */
    static PrimingHttpClient aws() {
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atZone(ZoneOffset.UTC));
        return new PrimingHttpClient(Map.of(
                "HeadObject", Answer.headers(Map.of("Content-Type", "audio/wav", "Content-Length", "480044", "ETag", "\"" + ETAG + "\"",
                        "Last-Modified", lastModified, "x-amz-version-id", VERSION, "x-amz-meta-recorded-at", Instant.now().toString(),
                        "x-amz-meta-caller", "01572 722577", "x-amz-meta-agent", "agent-1", "x-amz-meta-direction", "inbound")),
                "GetObject", new Answer(206, Map.of("Content-Type", "audio/wav", "x-amz-version-id", VERSION), WAV_HEADER),
                // A key for the priming alone, never the caller-hash key: priming reads no secret.
                "GetSecretValue", Answer.json("{\"Name\":\"snapstart-priming\",\"SecretString\":\"" + "priming-only-".repeat(5) + "\"}"),
                "CopyObject", new Answer(200, Map.of("Content-Type", "application/xml", "x-amz-version-id", "snapstart-priming-copy"),
                        ("<CopyObjectResult><ETag>\"" + ETAG + "\"</ETag><LastModified>" + Instant.now()
                                + "</LastModified></CopyObjectResult>").getBytes(StandardCharsets.UTF_8)),
                // The catalogue entry moved to the scrubbed copy.
                "UpdateItem", Answer.attributes(PrimingRecording.catalogueItem()),
                "Scan", Answer.items(List.of(PrimingRecording.catalogueItem())),
                "GetItem", Answer.item(PrimingRecording.catalogueItem()),
                "ListObjectVersions", PrimingRecording.versions(),
                "GetObjectTagging", Answer.xml("<Tagging><TagSet><Tag><Key>council</Key><Value>rutland</Value></Tag><Tag><Key>retention</Key>"
                        + "<Value>P3M</Value></Tag><Tag><Key>expires</Key><Value>" + LocalDate.now().plusMonths(3) + "</Value></Tag></TagSet></Tagging>")));
    }

    /** @param out where the tagger's log line goes: nowhere, when priming */
    static SQSBatchResponse usualUpload(Map<String, String> environment, PrimingHttpClient aws, PrintStream out) {
        TagRecordingHandler handler = new TagRecordingHandler(TagRecordingFactory.wired(SnapStartPriming.clients(environment, aws), environment, out));
        return handler.handleRequest(uploaded(AwsClients.require(environment, "RECORDINGS_BUCKET")), new PrimingInvocation());
    }

    /** @return the dry run's counts */
    static Map<String, Object> dryScrub(Map<String, String> environment, PrimingHttpClient aws) {
        ScrubMetadataHandler handler = new ScrubMetadataHandler(TagRecordingFactory.wired(SnapStartPriming.clients(environment, aws), environment,
                SnapStartPriming.nowhere()));
        return handler.handleRequest(Map.of("dryRun", true), new PrimingInvocation());
    }

    /** @return the run's counts */
    static Map<String, Object> dailyReconciliation(Map<String, String> environment, PrimingHttpClient aws) {
        ReconcileRecordingsHandler handler = new ReconcileRecordingsHandler(TagRecordingFactory.reconciling(SnapStartPriming.clients(environment, aws),
                environment, SnapStartPriming.nowhere(), Clock.systemUTC()), Clock.systemUTC(), environment);
        return handler.handleRequest(Map.of(), new PrimingInvocation());
    }

    private static SQSEvent uploaded(String bucket) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("snapstart-priming");
        message.setBody(json(Map.of("Records", List.of(Map.of(
                "eventVersion", "2.1", "eventSource", "aws:s3", "eventName", "ObjectCreated:Put", "eventTime", Instant.now().toString(),
                "s3", Map.of("bucket", Map.of("name", bucket), "object", Map.of("key", KEY, "size", 480044, "versionId", VERSION,
                        "sequencer", "00674F0C36D2A1B4C7")))))));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    private static String json(Object value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
