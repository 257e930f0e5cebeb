package uk.callretention.export;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.callretention.access.SubjectAccessExportBuilder;
import uk.callretention.observability.LogLine;

/**
 * Builds the exports the API queued, one message each. A build that fails part way marks its export failed and is
 * done; a message that cannot even do that (its state could not be written) is reported alone, so SQS redelivers it
 * and, after a few tries, moves it to the dead-letter queue, leaving the export building for the DPO to ask again.
 */
public final class BuildExportHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SubjectAccessExportBuilder builder;
    private final LogLine log;

    /** Lambda's constructor. */
    public BuildExportHandler() {
        this(System.getenv());
    }

    /** The local runtime's and tests' constructor: the environment the template gives the function. */
    public BuildExportHandler(Map<String, String> environment) {
        this(ExportFactory.builder(environment, System.out, Clock.systemUTC(), Path.of(System.getProperty("java.io.tmpdir"))));
    }

    BuildExportHandler(ExportFactory.Builder f) {
        this.builder = f.builder();
        this.log = f.log();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("messageId", message.getMessageId());
            fields.put("requestId", context.getAwsRequestId());
            try {
                String exportId = SqsSubjectAccessExportQueue.exportIdOf(message.getBody());
                fields.put("exportId", exportId);
                fields.put("state", builder.build(exportId).map(export -> export.state().id()).orElse("already-built-or-unknown"));
                log.info("export built", fields);
            } catch (RuntimeException e) {
                fields.put("error", e.getClass().getSimpleName());
                log.error("export build failed; SQS will redeliver it", fields);
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
