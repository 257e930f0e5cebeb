package uk.callretention.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import uk.callretention.local.aws.LocalAwsClients;
import uk.callretention.local.aws.MotoServer;
import uk.callretention.local.aws.ProvisionedStack;
import uk.callretention.local.aws.Provisioner;
import uk.callretention.local.runtime.Closer;
import uk.callretention.local.runtime.CommandLine;
import uk.callretention.local.runtime.LocalEndpoints;
import uk.callretention.local.runtime.LocalRuntimeException;
import uk.callretention.local.runtime.RuntimeLog;
import uk.callretention.local.runtime.RuntimeOptions;
import uk.callretention.local.runtime.Ports;
import uk.callretention.local.runtime.StartupBanner;
import uk.callretention.local.runtime.StartupErrors;
import uk.callretention.local.runtime.SupportedEvents;
import uk.callretention.local.runtime.auth.JwtAuthorizer;
import uk.callretention.local.runtime.auth.LocalStaffTokens;
import uk.callretention.local.runtime.batch.BatchOperations;
import uk.callretention.local.runtime.batch.S3ControlServer;
import uk.callretention.local.runtime.console.ConsoleSite;
import uk.callretention.local.runtime.console.LocalCouncil;
import uk.callretention.local.runtime.console.LocalSignIn;
import uk.callretention.local.runtime.function.FunctionLoader;
import uk.callretention.local.runtime.function.FunctionSettings;
import uk.callretention.local.runtime.function.LambdaFunction;
import uk.callretention.local.runtime.http.HttpApiServer;
import uk.callretention.local.runtime.http.RouteAuthorizer;
import uk.callretention.local.runtime.http.RouteTable;
import uk.callretention.local.runtime.http.Routes;
import uk.callretention.local.runtime.schedule.Schedule;
import uk.callretention.local.runtime.schedule.Scheduler;
import uk.callretention.local.runtime.schedule.Schedules;
import uk.callretention.local.runtime.sqs.SqsMapping;
import uk.callretention.local.runtime.sqs.SqsMappings;
import uk.callretention.local.runtime.sqs.SqsPoller;
import uk.callretention.local.template.FunctionDefinition;
import uk.callretention.local.template.Template;

/**
 * The whole system on one machine: reads the SAM template, starts moto, creates the template's resources on it,
 * loads the template's functions and wires their events as AWS does (SQS polling, ScheduleV2 schedules, HTTP API
 * routes), serves the staff console on the API's port, and runs S3 Batch Operations jobs that invoke them (S3 Control's jobs API, which moto lacks). {@link #main} is {@code local/run}; tests use {@code new LocalRuntime(options).start()}.
 */
public final class LocalRuntime implements AutoCloseable {
    private static final String STAFF_USER_POOL = "StaffUserPool";
    private static final String STAFF_USER_POOL_CLIENT = "StaffUserPoolClient";
    private final RuntimeOptions options;
    private final Closer closer = new Closer();
    private OptionalLong motoPid = OptionalLong.empty();
    private URI awsEndpoint;
    private ProvisionedStack stack;
    private HttpApiServer api;
    private LocalEndpoints endpoints;
    private S3ControlServer s3Control;

    public LocalRuntime(RuntimeOptions options) {
        this.options = options;
    }

    /** {@code local/run}: starts the stack, prints where everything is, and runs until Ctrl-C (or SIGTERM). */
    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(CommandLine.USAGE);
            return;
        }
        RuntimeOptions options;
        try {
            options = CommandLine.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("local runtime: " + e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        LocalRuntime runtime = new LocalRuntime(options);
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicBoolean failed = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            if (!failed.get()) {
                RuntimeLog.info("stopping");
            }
            runtime.close();
            // moto while it is still coming up is not yet known to the runtime, but is this JVM's child
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
            stopped.countDown();
        }, "local-runtime-stop"));
        try {
            runtime.start();
        } catch (RuntimeException e) {
            if (!stopping.get()) {
                failed.set(true);
                System.err.println("local runtime: " + StartupErrors.describe(e));
                System.exit(1);
            }
            return;
        }
        StartupBanner.lines(options.stackName(), runtime.endpoints(), runtime.motoPid(), options.dataFolder(), runtime.endpointsFile())
                .forEach(System.out::println);
        awaitQuietly(stopped);
    }

    private static void awaitQuietly(CountDownLatch stopped) {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts everything in order: ports checked, moto, resources, functions, then event sources and the HTTP API.
     * On failure, or when {@link #close} is called meanwhile, it stops what it had started and throws.
     *
     * @throws RuntimeException whose message {@link StartupErrors#describe} turns into one line for a person
     */
    public LocalRuntime start() {
        try {
            Template template = loadTemplate();
            SupportedEvents.check(template);
            requireFreePorts();
            awsEndpoint = options.existingAws() != null ? options.existingAws() : startMoto();
            LocalAwsClients clients = closer.add(LocalAwsClients.forEndpoint(awsEndpoint));
            RuntimeLog.info("creating the template's resources as stack " + options.stackName());
            stack = new Provisioner(clients, template, options.stackName(), options.parameterOverrides()).provision();
            if (options.existingAws() != null) {
                // a moto of our own takes the resources with it when it stops; a shared one keeps them unless deleted
                closer.add(stack::delete);
            }
            List<SqsMapping> mappings = SqsMappings.from(template, stack);
            List<Schedule> schedules = Schedules.from(template, stack.intrinsics());
            RouteTable routes = Routes.from(template, stack.intrinsics());
            s3Control = closer.add(S3ControlServer.bind(0));
            Map<String, LambdaFunction> functions = loadFunctions(template);
            s3Control.serve(closer.add(BatchOperations.of(clients.s3(), functions.values(), stack.intrinsics().pseudo().accountId(),
                    stack.intrinsics().pseudo().region())));
            Scheduler scheduler = closer.add(new Scheduler(schedules, functions));
            api = closer.add(startApi(routes, functions, scheduler, clients));
            String region = stack.intrinsics().pseudo().region();
            mappings.forEach(mapping -> closer.add(new SqsPoller(mapping, clients.sqs(), functions.get(mapping.functionLogicalId()), region).start()));
            scheduler.start();
            endpoints = LocalEndpoints.of(template, stack, awsEndpoint, api, s3Control.endpoint(), schedules);
            endpoints.write(endpointsFile());
            closer.add(() -> Files.deleteIfExists(endpointsFile()));
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    private Template loadTemplate() {
        if (!Files.isRegularFile(options.template())) {
            throw new LocalRuntimeException("no template at " + options.template().toAbsolutePath()
                    + ": run from the repository's root or pass --template path/to/template.yaml");
        }
        return Template.load(options.template());
    }

    private void requireFreePorts() {
        if (options.existingAws() == null) {
            Ports.requireFree(options.awsPort(), "moto (local AWS)", "LOCAL_AWS_PORT");
        }
        Ports.requireFree(options.apiPort(), "the HTTP API", "LOCAL_API_PORT");
    }

    private URI startMoto() throws IOException {
        RuntimeLog.info("starting moto on 127.0.0.1:" + options.awsPort());
        MotoServer moto = closer.add(MotoServer.start(options.awsPort(), options.dataFolder().resolve("moto.log")));
        motoPid = OptionalLong.of(moto.pid());
        Path pidFile = options.dataFolder().resolve("moto.pid");
        Files.writeString(pidFile, moto.pid() + "\n");
        closer.add(() -> Files.deleteIfExists(pidFile));
        RuntimeLog.info("moto is up at " + moto.endpoint() + " (pid " + moto.pid() + ")");
        return moto.endpoint();
    }

    private Map<String, LambdaFunction> loadFunctions(Template template) {
        Map<String, LambdaFunction> functions = new LinkedHashMap<>();
        for (FunctionDefinition function : template.functions().values()) {
            FunctionSettings settings = FunctionSettings.of(function, stack.intrinsics().pseudo());
            RuntimeLog.info("loading " + function.logicalId() + " (" + function.handler() + ") from " + function.codeUri());
            Map<String, String> environment = settings.environment(stack.environmentOf(function), awsEndpoint, s3Control.endpoint());
            functions.put(function.logicalId(), closer.add(FunctionLoader.load(function, settings, environment)));
        }
        return Collections.unmodifiableMap(functions);
    }

    private HttpApiServer startApi(RouteTable routes, Map<String, LambdaFunction> functions, Scheduler scheduler, LocalAwsClients clients)
            throws IOException {
        try {
            RouteAuthorizer authorizer = options.authorizer() != null ? options.authorizer() : new JwtAuthorizer(awsEndpoint, Clock.systemUTC());
            List<LocalCouncil> councils = LocalCouncil.bundled();
            // presigned links to recordings name the local S3 endpoint, which is moto's
            ConsoleSite console = new ConsoleSite(ConsoleSite.class.getClassLoader(), councils, awsEndpoint);
            return HttpApiServer.start(options.apiPort(), routes, functions, authorizer, scheduler, console,
                    new LocalSignIn(councils, staffTokens(clients)), stack.intrinsics().pseudo().accountId());
        } catch (BindException e) {
            throw Ports.inUse(options.apiPort(), "the HTTP API", "LOCAL_API_PORT");
        }
    }

    /** The template's user pool, when it makes one rather than naming an existing OIDC issuer. */
    private Optional<LocalStaffTokens> staffTokens(LocalAwsClients clients) {
        Map<String, String> ids = stack.physicalIds();
        return ids.containsKey(STAFF_USER_POOL) && ids.containsKey(STAFF_USER_POOL_CLIENT)
                ? Optional.of(new LocalStaffTokens(clients.cognito(), ids.get(STAFF_USER_POOL), ids.get(STAFF_USER_POOL_CLIENT)))
                : Optional.empty();
    }

    public URI apiEndpoint() {
        return api.endpoint();
    }

    /** The staff console, served at the root of the API's origin. */
    public URI consoleUrl() {
        return api.console();
    }

    /** The S3 Control jobs endpoint that runs S3 Batch Operations jobs on the template's functions. */
    public URI s3ControlEndpoint() {
        return s3Control.endpoint();
    }

    public ProvisionedStack stack() {
        return stack;
    }

    public OptionalLong motoPid() {
        return motoPid;
    }

    public LocalEndpoints endpoints() {
        return endpoints;
    }

    public Path endpointsFile() {
        return options.dataFolder().resolve("endpoints.json");
    }

    /** Stops pollers, schedules, the HTTP API, the functions and moto; safe to call at any time, more than once. */
    @Override
    public void close() {
        closer.close();
    }
}
