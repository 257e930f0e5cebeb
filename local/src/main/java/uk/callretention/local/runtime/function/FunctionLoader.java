package uk.callretention.local.runtime.function;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import uk.callretention.local.runtime.LocalRuntimeException;
import uk.callretention.local.template.FunctionDefinition;

/**
 * Loads a function from its CodeUri (the jar {@code mvn package} builds, or a directory of classes) and
 * constructs its handler: with the project's {@code Map<String,String>} environment constructor when the class
 * has one, else with its no-argument constructor.
 */
public final class FunctionLoader {
    private FunctionLoader() {
    }

    /** @throws LocalRuntimeException naming the function, class and CodeUri when the handler cannot be loaded or constructed */
    public static LambdaFunction load(FunctionDefinition function, FunctionSettings settings, Map<String, String> environment) {
        Path codeUri = function.codeUri();
        if (!Files.exists(codeUri)) {
            throw failure(function, "CodeUri does not exist" + (codeUri.toString().endsWith(".jar") ? ": run mvn package to build it" : ""), null);
        }
        FunctionClassLoader classLoader = classLoaderFor(function.logicalId(), codeUri);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            return instantiate(function, settings, environment, classLoader);
        } catch (LocalRuntimeException e) {
            try {
                classLoader.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static LambdaFunction instantiate(FunctionDefinition function, FunctionSettings settings, Map<String, String> environment,
                                              FunctionClassLoader classLoader) {
        String[] handler = function.handler().split("::", 2);
        try {
            Class<?> handlerClass = Class.forName(handler[0], true, classLoader);
            HandlerMethod method = HandlerMethod.of(handlerClass, handler.length == 2 ? handler[1] : "handleRequest");
            return new LambdaFunction(settings, classLoader, construct(handlerClass, environment), method);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw failure(function, "class " + e.getMessage().replace('/', '.') + " is not in CodeUri"
                    + " (check Handler in the template, then run mvn package)", null);
        } catch (InvocationTargetException | ExceptionInInitializerError e) {
            throw failure(function, "the handler failed to construct: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw failure(function, "the handler cannot be used: " + e.getMessage(), e);
        }
    }

    private static FunctionClassLoader classLoaderFor(String logicalId, Path codeUri) {
        ClassLoader runtime = FunctionLoader.class.getClassLoader();
        ClassLoader fallback = Files.isDirectory(codeUri) ? runtime : ClassLoader.getPlatformClassLoader();
        try {
            return new FunctionClassLoader(logicalId, codeUri.toUri().toURL(), fallback, runtime);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(codeUri.toString(), e);
        }
    }

    private static Object construct(Class<?> handlerClass, Map<String, String> environment) throws ReflectiveOperationException {
        try {
            return handlerClass.getConstructor(Map.class).newInstance(Collections.unmodifiableMap(environment));
        } catch (NoSuchMethodException noEnvironmentConstructor) {
            try {
                return handlerClass.getConstructor().newInstance();
            } catch (NoSuchMethodException noDefaultConstructor) {
                throw new NoSuchMethodException("it has no public constructor taking Map<String,String> or nothing");
            }
        }
    }

    private static LocalRuntimeException failure(FunctionDefinition function, String problem, Throwable cause) {
        return new LocalRuntimeException("function " + function.logicalId() + " (Handler " + function.handler()
                + ", CodeUri " + function.codeUri() + "): " + problem, cause);
    }
}
