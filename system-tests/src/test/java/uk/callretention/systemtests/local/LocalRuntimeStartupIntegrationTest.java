package uk.callretention.systemtests.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.local.LocalRuntime;
import uk.callretention.local.runtime.LocalRuntimeException;
import uk.callretention.local.runtime.RuntimeOptions;
import uk.callretention.local.template.UnsupportedTemplateException;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/** Start-up says where everything is, and fails with a named, actionable error on bad input, leaving nothing behind. */
@ExtendWith(LocalAwsExtension.class)
class LocalRuntimeStartupIntegrationTest {
    private LocalAws aws;

    @Test
    @SuppressWarnings("unchecked")
    void start_whenItSucceeds_writesTheEndpointsAndNamesAndRemovesThemWhenStopped() throws IOException {
        RuntimeOptions options = TestRuntimes.options("template.yaml", aws);
        Map<String, Object> endpoints;
        try (LocalRuntime runtime = new LocalRuntime(options).start()) {
            endpoints = JSON.std.mapFrom(runtime.endpointsFile().toFile());

            assertThat(endpoints).containsEntry("region", "eu-west-2").containsEntry("s3", aws.endpoint().toString())
                    .containsEntry("sqs", aws.endpoint().toString()).containsEntry("dynamodb", aws.endpoint().toString())
                    .containsEntry("api", runtime.apiEndpoint().toString());
            assertThat((Map<String, Object>) endpoints.get("buckets")).containsEntry("UploadsBucket", options.stackName() + "-uploads");
            assertThat((Map<String, Object>) endpoints.get("queues")).containsEntry("UploadsQueue", runtime.stack().queueUrl("UploadsQueue"));
            assertThat((Map<String, Object>) endpoints.get("tables")).containsEntry("ResultsTable", runtime.stack().tableName("ResultsTable"));
            assertThat((List<Map<String, Object>>) endpoints.get("functions")).extracting(function -> function.get("logicalId"))
                    .containsExactly("RecordUploadsFunction", "ThrowingFunction", "ScheduledJobFunction", "EchoFunction", "GreetingFunction");
            assertThat((Map<String, Object>) endpoints.get("schedules")).containsEntry("ScheduledJobFunction/Nightly",
                    runtime.apiEndpoint() + "/_local/schedules/ScheduledJobFunction/Nightly");
            assertThat(runtime.endpointsFile()).startsWith(options.dataFolder());
        }
        assertThat(options.dataFolder().resolve("endpoints.json")).doesNotExist();
    }

    @Test
    void start_whenTheTemplateHasAResourceTypeItDoesNotSupport_failsNamingIt() {
        assertThatThrownBy(() -> new LocalRuntime(TestRuntimes.options("unsupported-resource.yaml", aws)).start())
                .isInstanceOf(UnsupportedTemplateException.class)
                .hasMessageContaining("AlertsTopic").hasMessageContaining("AWS::SNS::Topic").hasMessageContaining("add support");
    }

    @Test
    void start_whenAFunctionHasAnEventTypeItDoesNotRun_failsNamingIt() {
        assertThatThrownBy(() -> new LocalRuntime(TestRuntimes.options("unsupported-event.yaml", aws)).start())
                .isInstanceOf(UnsupportedTemplateException.class)
                .hasMessageContaining("DirectS3Function.Properties.Events.Uploads has Type S3").hasMessageContaining("HttpApi, SQS, ScheduleV2");
    }

    @Test
    void start_whenTheHandlerClassIsNotInCodeUri_failsNamingFunctionClassAndCodeUri() {
        assertThatThrownBy(() -> new LocalRuntime(TestRuntimes.options("unknown-handler.yaml", aws)).start())
                .isInstanceOf(LocalRuntimeException.class)
                .hasMessageContaining("function MisspeltFunction")
                .hasMessageContaining("class uk.callretention.systemtests.local.handlers.NoSuchHandler is not in CodeUri")
                .hasMessageContaining("target/test-classes");
    }

    @Test
    void start_whenTheHandlerFailsToConstruct_failsWithItsReasonAndDeletesWhatItCreated() {
        RuntimeOptions options = TestRuntimes.options("failing-constructor.yaml", aws);

        assertThatThrownBy(() -> new LocalRuntime(options).start())
                .isInstanceOf(LocalRuntimeException.class)
                .hasMessageContaining("function UnconfiguredFunction")
                .hasMessageContaining("failed to construct: java.lang.IllegalStateException: NOT_CONFIGURED is not set");
        assertThat(aws.clients().dynamoDb().listTables().tableNames()).noneMatch(name -> name.startsWith(options.stackName()));
    }

    @Test
    void start_whenCodeUriIsAJarNotYetBuilt_saysToRunMvnPackage() {
        assertThatThrownBy(() -> new LocalRuntime(TestRuntimes.options("missing-jar.yaml", aws)).start())
                .isInstanceOf(LocalRuntimeException.class)
                .hasMessageContaining("function UnbuiltFunction").hasMessageContaining("unbuilt-function.jar")
                .hasMessageContaining("CodeUri does not exist: run mvn package");
    }

    @Test
    void start_whenTheApiPortIsInUse_failsNamingThePortAndItsVariable() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RuntimeOptions options = TestRuntimes.options("template.yaml", aws).withPorts(0, taken.getLocalPort());

            assertThatThrownBy(() -> new LocalRuntime(options).start())
                    .isInstanceOf(LocalRuntimeException.class)
                    .hasMessage("port " + taken.getLocalPort() + " for the HTTP API is already in use on 127.0.0.1: stop what listens there,"
                            + " or set LOCAL_API_PORT to another port");
            assertThat(aws.clients().dynamoDb().listTables().tableNames()).noneMatch(name -> name.startsWith(options.stackName()));
        }
    }

    @Test
    void start_whenMotosPortIsInUse_failsNamingThePortAndItsVariableBeforeStartingMoto() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RuntimeOptions options = TestRuntimes.options("template.yaml", aws).withExistingAws(null).withPorts(taken.getLocalPort(), 0);

            assertThatThrownBy(() -> new LocalRuntime(options).start())
                    .isInstanceOf(LocalRuntimeException.class)
                    .hasMessage("port " + taken.getLocalPort() + " for moto (local AWS) is already in use on 127.0.0.1: stop what listens there,"
                            + " or set LOCAL_AWS_PORT to another port");
            assertThat(options.dataFolder().resolve("moto.pid")).doesNotExist();
        }
    }
}
