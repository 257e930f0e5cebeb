package uk.callretention.local.runtime.function;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A function's own class loader, child-first as Lambda's is: the function's code and libraries win over the
 * runtime's, so a function sees the library versions it ships with. Lambda's interfaces and event classes come
 * from the runtime, because the runtime builds the events and the {@code Context} it passes in; joda-time too,
 * because those event classes expose it ({@code ScheduledEvent.getTime()}).
 */
final class FunctionClassLoader extends URLClassLoader {
    private static final List<String> FROM_RUNTIME = List.of("com.amazonaws.services.lambda.runtime.", "org.joda.time.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader runtime;

    /**
     * @param fallback where classes the function does not have come from: only the JDK for a jar, which is
     *                 self-contained as Lambda requires; the runtime's class path for a directory of classes,
     *                 which has no libraries of its own (tests point CodeUri at target/test-classes)
     */
    FunctionClassLoader(String name, URL codeUri, ClassLoader fallback, ClassLoader runtime) {
        super(name, new URL[] {codeUri}, fallback);
        this.runtime = runtime;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = FROM_RUNTIME.stream().anyMatch(name::startsWith) ? fromRuntimeFirst(name) : childFirst(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> fromRuntimeFirst(String name) throws ClassNotFoundException {
        try {
            return runtime.loadClass(name);
        } catch (ClassNotFoundException notInRuntime) {
            // e.g. aws-lambda-java-serialization, which a function may ship and the runtime does not
            return findClass(name);
        }
    }

    private Class<?> childFirst(String name) throws ClassNotFoundException {
        try {
            return getPlatformClassLoader().loadClass(name);
        } catch (ClassNotFoundException notJdk) {
            try {
                return findClass(name);
            } catch (ClassNotFoundException notInFunction) {
                return getParent().loadClass(name);
            }
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = Collections.list(findResources(name));
        for (URL url : Collections.list(getParent().getResources(name))) {
            if (!all.contains(url)) {
                all.add(url);
            }
        }
        return Collections.enumeration(all);
    }
}
