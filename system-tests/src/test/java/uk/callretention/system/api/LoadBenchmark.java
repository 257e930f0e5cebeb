package uk.callretention.system.api;

import java.nio.file.Path;
import java.util.UUID;
import uk.callretention.local.LocalRuntime;
import uk.callretention.local.aws.LocalAwsClients;
import uk.callretention.local.aws.MotoServer;
import uk.callretention.local.runtime.RuntimeOptions;

/**
 * The whole load: 10,000 uploads from 8 clients, then 2,000 playback requests from 16, on a moto of its own,
 * printing the figures (the counts must say lost 0, more than once 0, unaudited 0). A main, not a test: about a quarter
 * of an hour, moto tagging about a dozen uploads a second. Build the function jars first ({@code mvn -B -ntp install
 * -DskipTests}), then from the repository's root:
 * {@code mvn -B -ntp -pl system-tests exec:java -Dexec.classpathScope=test -Dexec.mainClass=uk.callretention.system.api.LoadBenchmark}
 * (arguments: uploads, playback requests, template; 10000 2000 template.yaml by default).
 */
public final class LoadBenchmark {

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int uploads = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path template = Path.of(args.length > 2 ? args[2] : "template.yaml");
        String stackName = "load" + UUID.randomUUID().toString().substring(0, 8);
        Path data = Path.of(System.getProperty("java.io.tmpdir"), "load-benchmark", stackName);
        LoadRun.Uploads uploaded;
        LoadRun.Playbacks played;
        try (MotoServer moto = MotoServer.start(0, data.resolve("moto.log"));
             LocalAwsClients clients = LocalAwsClients.forEndpoint(moto.endpoint());
             CapturedOutput output = CapturedOutput.start();
             LocalRuntime runtime = new LocalRuntime(RuntimeOptions.forTemplate(template).withExistingAws(moto.endpoint()).withPorts(0, 0)
                     .withStackName(stackName).withDataFolder(data)).start()) {
            LoadRun run = new LoadRun(runtime, clients, output::lines);
            uploaded = run.upload(uploads, 8);
            played = run.play(requests, 16, uploaded.played());
        }
        System.out.println(uploaded.describe());
        System.out.println(played.describe());
    }
}
