package uk.callretention.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import uk.callretention.local.aws.LocalAwsClients;
import uk.callretention.local.aws.MotoServer;
import uk.callretention.local.aws.ProvisionedStack;
import uk.callretention.local.aws.Provisioner;
import uk.callretention.local.runtime.function.FunctionSettings;
import uk.callretention.local.template.FunctionDefinition;
import uk.callretention.local.template.Template;

/**
 * {@code bench/run}: each function a user waits for, and its naive baseline, run alternately in fresh JVMs against moto
 * with the template's resources, N times each, cold and primed; prints the machine, the JVM and Markdown tables of
 * medians and project/naive ratios. Progress goes to stderr, the report to stdout.
 */
public final class Bench {
    /** The functions a user waits for, each with a baseline. */
    static final List<String> FUNCTIONS = List.of("tag-recording", "playback-url", "manage-recording", "expire-recordings");
    static final String USAGE = "usage: bench/run [--runs N] [--warm N] [--java /path/to/java] [--only " + String.join(",", FUNCTIONS) + "]";
    private static final String STACK = "bench";

    private final Path root;
    private final int runs;
    private final int warm;
    private final String java;
    private final List<String> only;
    private final List<String> arguments;

    private Bench(Path root, int runs, int warm, String java, List<String> only, List<String> arguments) {
        this.root = root;
        this.runs = runs;
        this.warm = warm;
        this.java = java;
        this.only = only;
        this.arguments = arguments;
    }

    /** A function and its baseline, and how to make a fresh event for one invocation of either. */
    private record Subject(String name, String logicalId, Path naiveJar, String naiveHandler, Supplier<Path> event, String answered) {
    }

    public static void main(String[] args) {
        Bench bench;
        try {
            bench = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            bench.run();
        } catch (RuntimeException e) {
            System.err.println("bench: failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    static Bench parse(String[] args) {
        Path root = Path.of(".");
        int runs = 7;
        int warm = 5;
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> only = FUNCTIONS;
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--root" -> root = Path.of(value);
                case "--runs" -> runs = positive(name, value);
                case "--warm" -> warm = positive(name, value);
                case "--java" -> java = value;
                case "--only" -> only = Arrays.asList(value.split(","));
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
            if (!name.equals("--root")) {
                shown.add(name);
                shown.add(value);
            }
        }
        for (String function : only) {
            if (!FUNCTIONS.contains(function)) {
                throw new IllegalArgumentException("--only names " + function + ", which has no baseline; the functions are "
                        + String.join(", ", FUNCTIONS));
            }
        }
        return new Bench(root.toAbsolutePath().normalize(), runs, warm, java, only, shown);
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException notNumber) {
            // said below
        }
        throw new IllegalArgumentException(name + " takes a positive whole number, not " + value);
    }

    private void run() {
        Path work = root.resolve("bench/target/bench-run");
        Path logs = work.resolve("logs");
        createDirectories(logs);
        Jvm jvm = new Jvm(java, root.resolve("bench/runner/target/bench-runner.jar"), root.resolve("bench/harness/target/crac/org-crac.jar"), logs);
        Template template = Template.load(root.resolve("template.yaml"));
        progress("starting moto");
        try (MotoServer moto = MotoServer.start(0, work.resolve("moto.log"));
             LocalAwsClients clients = LocalAwsClients.forEndpoint(moto.endpoint())) {
            progress("provisioning template.yaml as stack " + STACK);
            ProvisionedStack stack = new Provisioner(clients, template, STACK, Map.of()).provision();
            Events events = new Events(clients, stack.bucketName("RecordingsBucket"), stack.queueUrl("UploadsQueue"),
                    stack.tableName("CatalogueTable"), work.resolve("events"));
            Map<String, FunctionDefinition> functions = template.functions();
            Map<String, Map<String, String>> environments = new LinkedHashMap<>();
            functions.forEach((id, function) -> environments.put(id, FunctionSettings.of(function, stack.intrinsics().pseudo())
                    .environment(stack.environmentOf(function), moto.endpoint())));

            List<Subject> subjects = subjects(jvm, functions, environments, events);
            StringBuilder cold = new StringBuilder(Report.COLD_HEADER);
            StringBuilder primed = new StringBuilder(Report.PRIMED_HEADER);
            List<String> notes = new ArrayList<>();
            for (Subject subject : subjects) {
                FunctionDefinition function = functions.get(subject.logicalId());
                Side project = new Side(function.codeUri(), className(function));
                Side naive = new Side(subject.naiveJar(), subject.naiveHandler());
                measure(jvm, subject, function, environments.get(subject.logicalId()), project, naive);
                cold.append('\n').append(Report.cold(subject.name(), project.cold, naive.cold, size(project.jar), size(naive.jar)));
                primed.append('\n').append(Report.primed(subject.name(), project.primed, naive.primed));
                if (project.primed.stream().anyMatch(run -> run.figures().getOrDefault("hooks", 0.0) == 0)) {
                    notes.add(subject.name() + ": no org.crac hook registered, so priming did nothing.");
                }
            }
            print(cold, primed, notes);
        }
    }

    /** The functions asked for, each with its baseline and its events, and what each needs in place before it runs. */
    private List<Subject> subjects(Jvm jvm, Map<String, FunctionDefinition> functions, Map<String, Map<String, String>> environments,
                                   Events events) {
        FunctionDefinition tagger = functions.get("TagRecordingFunction");
        Path sample = root.resolve("events/http-api-request.json");
        List<Subject> subjects = new ArrayList<>();
        if (only.contains("tag-recording")) {
            subjects.add(new Subject("tag-recording", "TagRecordingFunction", naiveJar("tag-recording"),
                    "uk.callretention.bench.naive.tagging.NaiveTagRecordingHandler", () -> events.upload().event(), "\"batchItemFailures\":[]"));
        }
        if (only.contains("playback-url")) {
            String recordingId = catalogue(jvm, tagger, environments.get("TagRecordingFunction"), events, 1).pop();
            subjects.add(new Subject("playback-url", "PlaybackUrlFunction", naiveJar("playback-url"),
                    "uk.callretention.bench.naive.playback.NaivePlaybackUrlHandler", () -> events.playback(sample, recordingId),
                    "X-Amz-Signature"));
        }
        if (only.contains("manage-recording")) {
            // Every hold on a recording of its own: a second hold on a held recording is other work.
            Deque<String> unheld = catalogue(jvm, tagger, environments.get("TagRecordingFunction"), events, 2 * runs * (2 + warm));
            subjects.add(new Subject("manage-recording", "ManageRecordingFunction", naiveJar("manage-recording"),
                    "uk.callretention.bench.naive.manage.NaiveManageRecordingHandler", () -> events.hold(sample, unheld.pop()),
                    "\"statusCode\":201"));
        }
        if (only.contains("expire-recordings")) {
            Path sweep = events.sweep();
            // The first sweep of a new stack catches up on every day since the policies began; later ones have only today.
            progress("sweeping once, unmeasured, so every measured sweep finds little due");
            FunctionDefinition expiry = functions.get("ExpireRecordingsFunction");
            jvm.run("seed-expire-recordings", expiry.codeUri(), className(expiry), expiry, environments.get("ExpireRecordingsFunction"), "cold",
                    List.of(sweep));
            subjects.add(new Subject("expire-recordings", "ExpireRecordingsFunction", naiveJar("expire-recordings"),
                    "uk.callretention.bench.naive.expiry.NaiveExpireRecordingsHandler", () -> sweep, "\"status\":\"COMPLETE\""));
        }
        return subjects;
    }

    /** Project and naive alternately, {@code runs} times each: a cold run, then a primed one. */
    private void measure(Jvm jvm, Subject subject, FunctionDefinition function, Map<String, String> environment, Side project, Side naive) {
        for (int i = 1; i <= runs; i++) {
            // Alternate which goes first, so neither always finds the disk cache or the machine in the same state.
            List<Side> order = i % 2 == 1 ? List.of(project, naive) : List.of(naive, project);
            for (Side side : order) {
                String label = subject.name() + "-" + (side == project ? "project" : "naive") + "-" + i;
                progress(label + ": cold");
                side.cold.add(jvm.run(label + "-cold", side.jar, side.handler, function, environment, "cold",
                        List.of(subject.event().get())));
                expectAnswered(subject, side.cold.get(side.cold.size() - 1), label);
                progress(label + ": primed");
                List<Path> invocations = IntStream.rangeClosed(0, warm).mapToObj(n -> subject.event().get()).toList();
                side.primed.add(jvm.run(label + "-primed", side.jar, side.handler, function, environment,
                        side == project ? "primed" : "unprimed", invocations));
                expectAnswered(subject, side.primed.get(side.primed.size() - 1), label);
            }
        }
    }

    /**
     * Uploads {@code count} recordings and catalogues them with one unmeasured run of the project's tag-recording.
     *
     * @return their recording ids
     */
    private static Deque<String> catalogue(Jvm jvm, FunctionDefinition tagger, Map<String, String> environment, Events events, int count) {
        progress("cataloguing " + count + " recording(s) for the runs to use (one unmeasured run of tag-recording)");
        List<Events.Upload> uploads = IntStream.range(0, count).mapToObj(n -> events.upload()).toList();
        jvm.run("seed-tag-recording-" + count, tagger.codeUri(), className(tagger), tagger, environment, "unprimed",
                uploads.stream().map(Events.Upload::event).toList());
        Map<String, String> ids = events.recordingIds();
        Deque<String> catalogued = new ArrayDeque<>();
        uploads.forEach(upload -> catalogued.add(Optional.ofNullable(ids.get(upload.key()))
                .orElseThrow(() -> new IllegalStateException("tag-recording catalogued nothing for " + upload.key()))));
        return catalogued;
    }

    /** Both sides must have done the work: a failed invocation answers fast and would flatter whoever failed. */
    private static void expectAnswered(Subject subject, Jvm.Run run, String label) {
        String response = String.valueOf(run.response());
        boolean answered = response.contains(subject.answered());
        if (!answered) {
            throw new IllegalStateException(label + " did not do the work; it answered " + response);
        }
    }

    private void print(StringBuilder cold, StringBuilder primed, List<String> notes) {
        System.out.println("# bench/run " + String.join(" ", arguments));
        System.out.println();
        Machine.describe(java).forEach(line -> System.out.println("- " + line));
        System.out.println("- runs: " + runs + " of each, project and naive alternately; primed: init, org.crac hooks, first invocation, median of "
                + warm + " warm ones");
        System.out.println("- JVM flags: " + String.join(" ", Jvm.LAMBDA_FLAGS)
                + " -Xmx<85% of MemorySize>; no class-data-sharing archive of our own");
        System.out.println();
        System.out.println("## Fresh process to first response (medians)");
        System.out.println();
        System.out.println(cold);
        System.out.println();
        System.out.println("## Primed as SnapStart would, then first and warm invocations in one process (medians)");
        System.out.println();
        System.out.println(primed);
        notes.forEach(note -> System.out.println("\n" + note));
    }

    private static final class Side {
        private final Path jar;
        private final String handler;
        private final List<Jvm.Run> cold = new ArrayList<>();
        private final List<Jvm.Run> primed = new ArrayList<>();

        Side(Path jar, String handler) {
            this.jar = jar;
            this.handler = handler;
        }
    }

    private Path naiveJar(String function) {
        return root.resolve("bench/naive-" + function + "/target/naive-" + function + ".jar");
    }

    private static String className(FunctionDefinition function) {
        return function.handler().substring(0, function.handler().indexOf("::"));
    }

    private static long size(Path jar) {
        try {
            return Files.size(jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectories(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void progress(String message) {
        System.err.println("bench " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ": " + message);
    }
}
