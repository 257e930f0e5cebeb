package uk.callretention.tagging;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.callretention.aws.SnapStartPriming;
import uk.callretention.recording.MetadataCleanup;
import uk.callretention.recording.RecordingId;

/**
 * Takes personal metadata off recordings stored before the tagger did it, on demand:
 * {@code {"dryRun": true | false, "cursor": "rec-...", "pageSize": 100}}. {@code dryRun} must be given, so nobody
 * scrubs by leaving it out; run dry first, then for real, passing back {@code cursor} until {@code complete} is true.
 * Answers with counts only.
 */
public final class ScrubMetadataHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** Enough for a page already started to finish: up to 1,000 recordings of about six calls each. */
    private static final Duration DEADLINE_MARGIN = Duration.ofSeconds(90);
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int LARGEST_PAGE = 1_000;
    private static final Set<String> FIELDS = Set.of("dryRun", "cursor", "pageSize");

    private final MetadataCleanup cleanup;
    private final SnapStartPriming snapStart;

    /** Lambda's constructor: registers the SnapStart hooks too. */
    public ScrubMetadataHandler() {
        this(System.getenv());
        snapStart.registered();
    }

    /** The local runtime's and tests' constructor: the environment the template gives the function. */
    public ScrubMetadataHandler(Map<String, String> environment) {
        this(TagRecordingFactory.fromEnvironment(environment, System.out));
    }

    ScrubMetadataHandler(TagRecordingFactory factory) {
        this.cleanup = factory.cleanup();
        this.snapStart = factory.cleanupSnapStart();
    }

    /** The SnapStart hooks Lambda's constructor registers, for tests to call as the runtime does. */
    SnapStartPriming snapStart() {
        return snapStart;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Map<String, Object> fields = input == null ? Map.of() : input;
        Optional<String> unknown = fields.keySet().stream().filter(name -> !FIELDS.contains(name)).findFirst();
        if (unknown.isPresent()) {
            return error("unknown-field", "unknown field '" + unknown.get() + "'; the fields are dryRun, cursor and pageSize");
        }
        if (!(fields.get("dryRun") instanceof Boolean dryRun)) {
            return error("dry-run-required", "say dryRun: true to count, or dryRun: false to scrub");
        }
        Object cursor = fields.get("cursor");
        if (cursor != null && !(cursor instanceof String id && RecordingId.looksValid(id))) {
            return error("cursor-invalid", "cursor must be the cursor a previous run answered with");
        }
        Object pageSize = fields.getOrDefault("pageSize", DEFAULT_PAGE_SIZE);
        // A JSON number reaches here as whichever Number the deserialiser chose.
        if (!(pageSize instanceof Number number) || number.doubleValue() != Math.floor(number.doubleValue())
                || number.doubleValue() < 1 || number.doubleValue() > LARGEST_PAGE) {
            return error("page-size-invalid", "pageSize must be a whole number from 1 to " + LARGEST_PAGE);
        }
        MetadataCleanup.Report report = cleanup.run(Optional.ofNullable((String) cursor), dryRun, number.intValue(),
                () -> context.getRemainingTimeInMillis() < DEADLINE_MARGIN.toMillis());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("dryRun", report.dryRun());
        summary.put("examined", report.examined());
        summary.put("clean", report.clean());
        summary.put("wouldScrub", report.wouldScrub());
        summary.put("scrubbed", report.scrubbed());
        summary.put("superseded", report.superseded());
        summary.put("leftHeld", report.leftHeld());
        summary.put("leftTooLarge", report.leftTooLarge());
        summary.put("gone", report.gone());
        summary.put("complete", report.complete());
        summary.put("cursor", report.cursor());
        return summary;
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("error", code, "message", message);
    }
}
