package uk.callretention.local.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** What the runtime tells a person once it is up: where everything is and how to try it. */
public final class StartupBanner {
    private StartupBanner() {
    }

    public static List<String> lines(String stackName, LocalEndpoints endpoints, OptionalLong motoPid, Path dataFolder, Path endpointsFile) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Local stack " + stackName + " is running. Its data is kept in memory by moto: it is gone when this stops.");
        lines.add("  S3, SQS, DynamoDB, Secrets Manager, Cognito: " + endpoints.aws()
                + motoPid.stream().mapToObj(pid -> "  (moto pid " + pid + ", log " + dataFolder.resolve("moto.log") + ")").findFirst().orElse(""));
        lines.add("  Console: " + endpoints.console() + "  (sign in as any council, team and role: no password, loopback only)");
        lines.add("  HTTP API: " + endpoints.api());
        lines.add("  S3 Control (S3 Batch Operations jobs on the functions): " + endpoints.s3Control()
                + "; run one with local/batch-job --manifest <file.csv> --function <LogicalId>");
        endpoints.buckets().forEach((id, name) -> lines.add("  Bucket " + id + ": " + name));
        endpoints.queues().forEach((id, url) -> lines.add("  Queue " + id + ": " + url));
        endpoints.tables().forEach((id, name) -> lines.add("  Table " + id + ": " + name));
        endpoints.schedules().forEach((key, url) -> lines.add("  Schedule " + key + ", run it now with: curl -X POST " + url + " [-d '<JSON to use as its Input>']"));
        endpoints.functions().stream().findFirst().ifPresent(function -> lines.add("  Invoke a function with an event: curl -X POST "
                + endpoints.api() + "/_local/functions/" + function.get("logicalId") + "/invocations -d @events/<event>.json"));
        lines.add("  Endpoints and names: " + endpointsFile);
        endpoints.buckets().values().stream().findFirst().ifPresent(bucket -> {
            lines.add("");
            lines.add("Upload a recording with any S3 client, for example:");
            lines.add("  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=" + endpoints.region()
                    + " aws s3 cp file.wav s3://" + bucket + "/rutland/customer-services/phone/2026/11/25/call-0001.wav --endpoint-url "
                    + endpoints.aws() + " --metadata recorded-at=2026-11-25T10:15:00Z");
        });
        lines.add("");
        lines.add("Press Ctrl-C to stop; moto and everything else stop with it.");
        return lines;
    }
}
