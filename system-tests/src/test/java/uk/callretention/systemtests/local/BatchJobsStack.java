package uk.callretention.systemtests.local;

import software.amazon.awssdk.services.s3control.S3ControlClient;
import uk.callretention.local.LocalRuntime;
import uk.callretention.local.runtime.batch.S3ControlClients;
import uk.callretention.testsupport.LocalAws;

/** The local runtime on batch-jobs.yaml (a bucket and an S3 Batch Operations test handler) with the SDK's client for its jobs endpoint. */
public record BatchJobsStack(LocalRuntime runtime, S3ControlClient s3Control) implements AutoCloseable {

    public static BatchJobsStack start(LocalAws aws) {
        LocalRuntime runtime = new LocalRuntime(TestRuntimes.options("batch-jobs.yaml", aws)).start();
        return new BatchJobsStack(runtime, S3ControlClients.local(runtime.s3ControlEndpoint()));
    }

    /** Where the tests put manifests and jobs write reports. */
    public String bucket() {
        return runtime.stack().bucketName("JobsBucket");
    }

    @Override
    public void close() {
        s3Control.close();
        runtime.close();
    }
}
