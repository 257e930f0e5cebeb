package uk.callretention.testsupport;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import uk.callretention.local.aws.LocalAwsClients;
import uk.callretention.local.aws.MotoServer;
import uk.callretention.local.aws.Provisioner;
import uk.callretention.local.template.Template;

/**
 * Starts one moto server for the whole test run (stopped by its process id when the run ends) and gives each
 * test class its own stack made from the project's template.yaml, under a unique stack name, deleted after the
 * class. Inject {@link LocalAws} as a field or a parameter.
 *
 * <p>The template is the folder above the working directory holding both template.yaml and pom.xml, or the file
 * the {@code template} system property names.
 */
public final class LocalAwsExtension implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(LocalAwsExtension.class);
    private static final String STACK_NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        inject(context.getRequiredTestClass(), null, context);
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
        inject(testInstance.getClass(), testInstance, context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return localAws(extensionContext);
    }

    /** Static fields when given no instance, the instance's own fields otherwise. */
    private static void inject(Class<?> testClass, Object instance, ExtensionContext context) throws IllegalAccessException {
        for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() == LocalAws.class && Modifier.isStatic(field.getModifiers()) == (instance == null)) {
                    field.setAccessible(true);
                    field.set(instance, localAws(context));
                }
            }
        }
    }

    /** The stack of the test class: a nested class shares its outer class's, as stores are read through to the parent. */
    private static LocalAws localAws(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().orElseThrow();
        }
        Server server = server(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(LocalAws.class, key -> server.provision(), LocalAws.class);
    }

    /**
     * The run's local AWS server, started if this is its first use: for extensions that make their stacks their own
     * way, such as a whole local runtime shared by several test classes.
     */
    public static URI endpoint(ExtensionContext context) {
        return server(context).moto().endpoint();
    }

    private static Server server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Server.class, key -> Server.start(), Server.class);
    }

    /** The run's moto server, its clients and the template; JUnit closes stored AutoCloseables when the run ends. */
    private record Server(MotoServer moto, LocalAwsClients clients, Template template) implements AutoCloseable {
        static Server start() {
            Template template = Template.load(templateFile());
            MotoServer moto = MotoServer.start(0, Path.of("target", "local-aws", "moto-" + ProcessHandle.current().pid() + ".log"));
            return new Server(moto, LocalAwsClients.forEndpoint(moto.endpoint()), template);
        }

        LocalAws provision() {
            return new LocalAws(clients, template, new Provisioner(clients, template, uniqueStackName(), Map.of()).provision());
        }

        @Override
        public void close() {
            clients.close();
            moto.close();
        }
    }

    private static String uniqueStackName() {
        StringBuilder name = new StringBuilder("t");
        for (int i = 0; i < 8; i++) {
            name.append(STACK_NAME_CHARACTERS.charAt(RANDOM.nextInt(STACK_NAME_CHARACTERS.length())));
        }
        return name.toString();
    }

    private static Path templateFile() {
        String configured = System.getProperty("template");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve("template.yaml");
            }
        }
        throw new IllegalStateException("no folder above " + Path.of("").toAbsolutePath() + " has both template.yaml and pom.xml;"
                + " run the tests inside the project or set -Dtemplate=path/to/template.yaml");
    }
}
