package uk.callretention.expiry;

import com.amazonaws.services.lambda.runtime.events.S3BatchEventV2;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.callretention.testsupport.SampleEvents;

/** S3 Batch Operations' invocation events (schema 2.0), from {@code events/s3-batch-reapply.json}, naming this test's tasks. */
final class BatchTasks {

    private BatchTasks() {
    }

    /** One event per task, as S3 Batch Operations sends them: keys URL-encoded as in the manifest. */
    static S3BatchEventV2 event(String runId, boolean dryRun, String bucket, List<String> encodedKeys, List<String> versionIds) {
        S3BatchEventV2 event = sample();
        event.getJob().setUserArguments(Map.of("runId", runId, "dryRun", Boolean.toString(dryRun)));
        List<S3BatchEventV2.Task> tasks = new ArrayList<>();
        for (int i = 0; i < encodedKeys.size(); i++) {
            tasks.add(new S3BatchEventV2.Task("task-" + i, encodedKeys.get(i), versionIds.get(i), bucket));
        }
        event.setTasks(tasks);
        return event;
    }

    static S3BatchEventV2 sample() {
        try {
            return JSON.std.beanFrom(S3BatchEventV2.class, SampleEvents.read("s3-batch-reapply.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
