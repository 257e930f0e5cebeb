package uk.callretention.system.console;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import uk.callretention.testsupport.LocalAwsExtension;

/**
 * For the console's browser tests: one {@link ConsoleStack} (a local runtime on template.yaml, on the run's moto)
 * shared by every test class of the JVM, since starting one takes seconds; and one {@link Browser} per test class.
 * Both are injected into static fields of those types, or as parameters, and closed when their scope ends.
 * <pre>
 * &#64;ExtendWith(ConsoleExtension.class)
 * class ManagerConsoleIntegrationTest {
 *     static ConsoleStack stack;
 *     static Browser browser;
 * </pre>
 * Tests share the stack: each uses its own call ids (and so recording ids), never assumes an empty list.
 */
public final class ConsoleExtension implements BeforeAllCallback, ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(ConsoleExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        for (Class<?> type = context.getRequiredTestClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && (field.getType() == ConsoleStack.class || field.getType() == Browser.class)) {
                    field.setAccessible(true);
                    field.set(null, resolve(field.getType(), context));
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == ConsoleStack.class || type == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return resolve(parameterContext.getParameter().getType(), extensionContext);
    }

    private static Object resolve(Class<?> type, ExtensionContext context) {
        return type == ConsoleStack.class ? stack(context) : browser(context);
    }

    /**
     * Stored at the root after the run's moto (asked for first, outside the computation, since the store keeps entries
     * in the order they are asked for), so JUnit closes it first, while moto can still delete its stack.
     */
    private static ConsoleStack stack(ExtensionContext context) {
        URI aws = LocalAwsExtension.endpoint(context);
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ConsoleStack.class, key -> ConsoleStack.start(aws), ConsoleStack.class);
    }

    /** The test class's own: a nested class shares its outer class's. */
    private static Browser browser(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().orElseThrow();
        }
        ConsoleStack stack = stack(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(Browser.class, key -> Browser.start(stack.url()), Browser.class);
    }
}
