package uk.callretention.local.runtime.batch;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** S3 Control's answers in its REST-XML shapes, as the SDKs parse them. */
final class S3ControlXml {
    private static final String NAMESPACE = "http://awss3control.amazonaws.com/doc/2018-08-20/";
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private S3ControlXml() {
    }

    static String createJobResult(String jobId) {
        return DECLARATION + "<CreateJobResult xmlns=\"" + NAMESPACE + "\">" + element("JobId", jobId) + "</CreateJobResult>";
    }

    static String describeJobResult(BatchJob.View job, String region, String accountId) {
        JobSpec spec = job.spec();
        StringBuilder xml = new StringBuilder(DECLARATION).append("<DescribeJobResult xmlns=\"").append(NAMESPACE).append("\"><Job>");
        xml.append(element("JobId", job.id()))
                .append(element("ConfirmationRequired", "false"))
                .append(element("Description", spec.description()))
                .append(element("JobArn", "arn:aws:s3:" + region + ":" + accountId + ":job/" + job.id()))
                .append(element("Status", job.status().name()))
                .append("<Manifest><Spec>").append(element("Format", CreateJobRequests.CSV_FORMAT)).append("<Fields>");
        spec.fields().forEach(field -> xml.append(element("member", field)));
        xml.append("</Fields></Spec><Location>")
                .append(element("ObjectArn", spec.manifest().objectArn()))
                .append(element("ObjectVersionId", spec.manifest().versionId()))
                .append(element("ETag", spec.manifest().eTag()))
                .append("</Location></Manifest><Operation><LambdaInvoke>")
                .append(element("FunctionArn", spec.functionArn()))
                .append(element("InvocationSchemaVersion", CreateJobRequests.SCHEMA_VERSION));
        if (!spec.userArguments().isEmpty()) {
            xml.append("<UserArguments>");
            spec.userArguments().forEach((key, value) -> xml.append("<entry>").append(element("key", key)).append(element("value", value)).append("</entry>"));
            xml.append("</UserArguments>");
        }
        xml.append("</LambdaInvoke></Operation>")
                .append(element("Priority", Integer.toString(spec.priority())))
                .append(progress(job))
                .append(element("StatusUpdateReason", job.statusUpdateReason()));
        if (!job.failures().isEmpty()) {
            xml.append("<FailureReasons>");
            job.failures().forEach(failure -> xml.append("<member>").append(element("FailureCode", failure.code()))
                    .append(element("FailureReason", failure.reason())).append("</member>"));
            xml.append("</FailureReasons>");
        }
        xml.append(report(spec.report()))
                .append(element("CreationTime", timestamp(job.created())))
                .append(element("TerminationDate", job.terminated() == null ? null : timestamp(job.terminated())))
                .append(element("RoleArn", spec.roleArn()))
                .append("</Job></DescribeJobResult>");
        return xml.toString();
    }

    static String listJobsResult(List<BatchJob.View> jobs) {
        StringBuilder xml = new StringBuilder(DECLARATION).append("<ListJobsResult xmlns=\"").append(NAMESPACE).append("\"><Jobs>");
        for (BatchJob.View job : jobs) {
            xml.append("<member>")
                    .append(element("JobId", job.id()))
                    .append(element("Description", job.spec().description()))
                    .append(element("Operation", "LambdaInvoke"))
                    .append(element("Priority", Integer.toString(job.spec().priority())))
                    .append(element("Status", job.status().name()))
                    .append(element("CreationTime", timestamp(job.created())))
                    .append(element("TerminationDate", job.terminated() == null ? null : timestamp(job.terminated())))
                    .append(progress(job))
                    .append("</member>");
        }
        return xml.append("</Jobs></ListJobsResult>").toString();
    }

    static String error(String code, String message) {
        return DECLARATION + "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error>" + element("Code", code) + element("Message", message)
                + "</Error>" + element("RequestId", UUID.randomUUID().toString()) + "</ErrorResponse>";
    }

    private static String progress(BatchJob.View job) {
        if (job.total() == null) {
            return "";
        }
        return "<ProgressSummary>" + element("TotalNumberOfTasks", Long.toString(job.total()))
                + element("NumberOfTasksSucceeded", Long.toString(job.succeeded()))
                + element("NumberOfTasksFailed", Long.toString(job.failed()))
                + "<Timers>" + element("ElapsedTimeInActiveSeconds", Long.toString(job.activeSeconds())) + "</Timers></ProgressSummary>";
    }

    private static String report(JobSpec.ReportSpec report) {
        if (!report.enabled()) {
            return "<Report>" + element("Enabled", "false") + "</Report>";
        }
        return "<Report>" + element("Bucket", report.bucketArn()) + element("Format", CreateJobRequests.REPORT_FORMAT) + element("Enabled", "true")
                + element("Prefix", report.prefix()) + element("ReportScope", CreateJobRequests.REPORT_SCOPE) + "</Report>";
    }

    private static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** Nothing when the value is null, as AWS leaves out what a job does not have. */
    private static String element(String name, String value) {
        return value == null ? "" : "<" + name + ">" + escaped(value) + "</" + name + ">";
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
