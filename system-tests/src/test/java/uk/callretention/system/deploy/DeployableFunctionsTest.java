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
import java.util.jar.JarFile;
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
