package uk.callretention.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.callretention.local.template.FunctionDefinition;
import uk.callretention.local.template.Template;

/**
 * What {@code sam deploy} uploads is each function's CodeUri as it is: the jar must exist after {@code mvn package},
 * hold everything the handler needs (loaded here with no other class path, as Lambda loads it), and keep out the
 * HTTP clients the functions do not use.
 */
class DeployableFunctionsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Template TEMPLATE = Template.load(ROOT.resolve("template.yaml"));

    static Stream<FunctionDefinition> functions() {
        return TEMPLATE.functions().values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void codeUri_isAJarTheBuildProduces(FunctionDefinition function) {
        assertThat(function.codeUri().toString()).endsWith(".jar");
        assertThat(function.codeUri()).as("%s's CodeUri; run mvn package first", function.logicalId()).isRegularFile();
        assertThat(function.codeUri().startsWith(ROOT.resolve("functions"))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void handler_loadsFromTheJarAloneWithLambdasSignature(FunctionDefinition function) throws Exception {
        String[] handler = function.handler().split("::");
        assertThat(handler).as("Handler %s is Class::method", function.handler()).hasSize(2);
        try (URLClassLoader jarAlone = new URLClassLoader(new URL[] {function.codeUri().toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName(handler[0], false, jarAlone);
            Class<?> context = jarAlone.loadClass("com.amazonaws.services.lambda.runtime.Context");

            assertThat(Modifier.isPublic(type.getModifiers())).isTrue();
            assertThat(type.getConstructor().getParameterCount()).as("Lambda's public no-argument constructor").isZero();
            assertThat(type.getConstructor(Map.class)).as("the local runtime's constructor taking the environment").isNotNull();
            List<Method> entries = Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals(handler[1]) && !m.isBridge() && m.getParameterCount() == 2
                            && m.getParameterTypes()[1] == context)
                    .toList();
            assertThat(entries).as("%s(input, Context) on %s", handler[1], handler[0]).hasSize(1);
            assertThat(jarAlone.loadClass("com.amazonaws.services.lambda.runtime.RequestHandler").isAssignableFrom(type)
                    || jarAlone.loadClass("com.amazonaws.services.lambda.runtime.RequestStreamHandler").isAssignableFrom(type)).isTrue();
            // Lambda builds the event, and reads the answer, with the jar's own classes: the jar keeps only the event classes a
            // handler takes or returns (see the root pom), each with the classes nested in it.
            Method entry = entries.get(0);
            loadsWithNested(entry.getParameterTypes()[0]);
            loadsWithNested(entry.getReturnType());
        }
    }

    private static void loadsWithNested(Class<?> type) {
        assertThat(type.getMethods()).as("%s's methods, their types loaded", type.getName()).isNotNull();
        for (Class<?> nested : type.getDeclaredClasses()) {
            loadsWithNested(nested);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void jar_leavesOutUnusedHttpClientsAndLogging(FunctionDefinition function) throws IOException {
        // The sweep makes SWEEP_CONCURRENCY calls at once over a pooled Apache 5 client (ExpireRecordingsFactory);
        // every other function's jar has the URL-connection client alone.
        boolean pooled = function.codeUri().endsWith(Path.of("functions", "expire-recordings", "target", "expire-recordings.jar"));
        try (JarFile jar = new JarFile(function.codeUri().toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(names)
                    .noneMatch(name -> name.startsWith("io/netty/"))
                    .noneMatch(name -> name.startsWith("org/apache/http/") || name.startsWith("software/amazon/awssdk/http/apache/"))
                    .noneMatch(name -> name.startsWith("software/amazon/awssdk/http/nio/"))
                    .noneMatch(name -> name.startsWith("org/slf4j/impl/") || name.startsWith("ch/qos/logback/"));
            assertThat(names.stream().anyMatch(name -> name.startsWith("org/apache/hc/") || name.startsWith("software/amazon/awssdk/http/apache5/")))
                    .as("%s carries the pooled Apache 5 client", function.logicalId()).isEqualTo(pooled);
        }
        System.out.printf("%s: %s %,d bytes%n", function.logicalId(), ROOT.relativize(function.codeUri()), Files.size(function.codeUri()));
    }

    /**
     * The SDK services each jar's functions call, and nothing else: shared declares every service optional, and each
     * function module declares its own. A new call to another service fails here until its module declares it.
     */
    private static final Map<String, Set<String>> SERVICES = Map.of(
            "tag-recording.jar", Set.of("s3", "dynamodb", "secretsmanager", "sqs"),
            "expire-recordings.jar", Set.of("s3", "dynamodb", "s3control"),
            "playback-url.jar", Set.of("s3", "dynamodb", "secretsmanager"),
            "manage-recording.jar", Set.of("s3", "dynamodb"),
            "make-training-copy.jar", Set.of("s3", "dynamodb"),
            "export-subject-access.jar", Set.of("s3", "dynamodb", "secretsmanager", "sqs"),
            "count-statistics.jar", Set.of("dynamodb"),
            "publish-console.jar", Set.of("s3"));

    /**
     * Issue 11 asks for 10 MB a jar: the console publisher's meets it. The S3, DynamoDB and S3 Control service modules'
     * models alone are about 3.3, 2.5 and 2.9 MB compressed, and cannot be thinned by leaving classes out: verifying a
     * service's client class loads every request class of the service, and the SDK's interceptors test requests against
     * model classes by type. So the jars that call DynamoDB stay above 10 MB, each held to about what it reached.
     */
    private static final Map<String, Long> MOST_BYTES = Map.of(
            "tag-recording.jar", 15_000_000L,
            "expire-recordings.jar", 19_000_000L,
            "playback-url.jar", 14_200_000L,
            "manage-recording.jar", 13_500_000L,
            "make-training-copy.jar", 13_700_000L,
            "export-subject-access.jar", 15_000_000L,
            "count-statistics.jar", 9_300_000L,
            "publish-console.jar", 10_000_000L);

    static Stream<Path> jars() {
        return functions().map(FunctionDefinition::codeUri).distinct();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jars")
    void jar_staysLean(Path jar) throws IOException {
        String name = jar.getFileName().toString();
        assertThat(SERVICES).as("the services %s calls, listed here", name).containsKey(name);
        assertThat(Files.size(jar)).as("%s's size in bytes", name).isLessThanOrEqualTo(MOST_BYTES.get(name));
        try (JarFile contents = new JarFile(jar.toFile())) {
            List<String> names = contents.stream().map(e -> e.getName()).toList();
            Set<String> services = names.stream().filter(entry -> entry.startsWith("software/amazon/awssdk/services/") && entry.endsWith(".class"))
                    .map(entry -> entry.split("/")[4]).collect(Collectors.toSet());
            assertThat(services).as("the SDK services in %s", name).isEqualTo(SERVICES.get(name));
            assertThat(names.stream().anyMatch(entry -> entry.startsWith("software/amazon/awssdk/enhanced/dynamodb/")))
                    .as("%s carries the DynamoDB enhanced client exactly when it calls DynamoDB", name).isEqualTo(services.contains("dynamodb"));
            assertThat(names).as("what no function of %s reaches", name)
                    .noneMatch(entry -> entry.matches("software/amazon/awssdk/services/[a-z0-9]+/[A-Za-z0-9]*Async.*"))
                    .noneMatch(entry -> entry.startsWith("software/amazon/awssdk/services/dynamodb/streams/"))
                    .noneMatch(entry -> entry.startsWith("META-INF/maven/"))
                    .as("%s reads the policies compiled at build time, without a YAML parser", name)
                    .noneMatch(entry -> entry.startsWith("org/yaml/"));
        }
    }

    /** The console publisher reads the site from its own jar: sam deploy uploads nothing else. */
    @Test
    void publishConsoleJar_carriesTheConsoleSiteWithoutAConfig() throws IOException {
        FunctionDefinition publisher = TEMPLATE.functions().get("PublishConsoleFunction");
        try (JarFile jar = new JarFile(publisher.codeUri().toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(names).contains("console-site/index.html", "console-site/govuk/govuk-frontend.min.js", "console-site/govuk/govuk-frontend.min.css",
                    "console-site/assets/manifest.json").doesNotContain("console-site/config.json");
        }
    }
}
