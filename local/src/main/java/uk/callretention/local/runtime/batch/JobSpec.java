package uk.callretention.local.runtime.batch;

import java.util.List;
import java.util.Map;

/**
 * A CreateJob request the local runtime runs: a LambdaInvoke operation over a CSV manifest, with an optional
 * completion report. Everything else S3 Batch Operations offers is refused at CreateJob, naming what was asked for.
 *
 * @param fields          the manifest's columns in order: Bucket, Key, optionally VersionId, and any Ignore
 * @param userArguments   passed to the function in each (schema 2.0) event
 */
record JobSpec(String description, int priority, String roleArn, String clientRequestToken, ManifestLocation manifest,
               List<String> fields, String functionArn, Map<String, String> userArguments,
               ReportSpec report) {

    /** Where the manifest object is; {@code eTag} is checked against the object's before the job reads it. */
    record ManifestLocation(String objectArn, String bucket, String key, String versionId, String eTag) {
    }

    /** Where the completion report of every task goes. */
    record ReportSpec(boolean enabled, String bucketArn, String bucket, String prefix) {
        static final ReportSpec NONE = new ReportSpec(false, null, null, null);
    }
}
