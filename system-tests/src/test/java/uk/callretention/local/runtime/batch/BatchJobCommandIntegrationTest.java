package uk.callretention.local.runtime.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uk.callretention.local.runtime.Json;
import uk.callretention.systemtests.local.BatchJobsStack;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/** {@code local/batch-job} against a running local stack, as an operator runs it: manifest file in, job followed, report named. */
@ExtendWith(LocalAwsExtension.class)
class BatchJobCommandIntegrationTest {
    private static LocalAws aws;
    private static BatchJobsStack stack;

    @BeforeAll
    static void startRuntime() {
        stack = BatchJobsStack.start(aws);
    }

    @AfterAll
    static void stopRuntime() {
        stack.close();
    }

    @Test
    void run_uploadsTheManifestRunsTheJobToItsEndAndNamesItsCompletionReport(@TempDir Path folder) throws IOException {
        String bucket = stack.bucket();
        Path manifest = Files.writeString(folder.resolve("rows.csv"), bucket + ",calls/a.wav\n" + bucket + ",calls/permanent.wav\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = run(out, "--manifest", manifest.toString(), "--function", "BatchTaskFunction", "--bucket", "JobsBucket",
                "--user-argument", "dryRun=true");

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(printed).contains("Complete: 1 of 2 tasks succeeded, 1 failed");
        Matcher report = Pattern.compile("completion report: s3://" + bucket + "/(reports/local/job-[0-9a-f-]+/manifest\\.json)").matcher(printed);
        assertThat(report.find()).as(printed).isTrue();
        Map<?, ?> written = (Map<?, ?>) Json.parse(aws.clients().s3().getObjectAsBytes(get -> get.bucket(bucket).key(report.group(1))).asUtf8String());
        List<String> statuses = ((List<?>) written.get("Results")).stream().map(result -> String.valueOf(((Map<?, ?>) result).get("TaskExecutionStatus"))).toList();
        assertThat(statuses).containsExactly("succeeded", "failed");
    }

    @Test
    void run_whenCreateJobIsRefused_saysWhyAndFails(@TempDir Path folder) throws IOException {
        Path manifest = Files.writeString(folder.resolve("rows.csv"), stack.bucket() + ",calls/a.wav\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = BatchJobCommand.run(BatchJobCommand.Options.parse(new String[] {"--manifest", manifest.toString(), "--function", "NoSuchFunction",
                "--bucket", "JobsBucket"}), endpoints(), aws.clients().s3(), stack.s3Control(), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("CreateJob refused: Operation.LambdaInvoke.FunctionArn", "names no function of the template");
    }

    @Test
    void options_withoutAFunction_sayWhatIsMissing(@TempDir Path folder) throws IOException {
        Path manifest = Files.writeString(folder.resolve("rows.csv"), "b,k\n");

        assertThatThrownBy(() -> BatchJobCommand.Options.parse(new String[] {"--manifest", manifest.toString()})).hasMessage("give --manifest and --function");
        assertThatThrownBy(() -> BatchJobCommand.Options.parse(new String[] {"--manifest", manifest.toString(), "--function", "F", "--user-argument", "dryRun"}))
                .hasMessage("--user-argument takes NAME=VALUE, not dryRun");
    }

    private static int run(ByteArrayOutputStream out, String... args) throws IOException {
        return BatchJobCommand.run(BatchJobCommand.Options.parse(args), endpoints(), aws.clients().s3(), stack.s3Control(), new PrintStream(out, true),
                new PrintStream(out, true));
    }

    private static Map<?, ?> endpoints() throws IOException {
        return (Map<?, ?>) Json.parse(Files.readString(stack.runtime().endpointsFile()));
    }
}
