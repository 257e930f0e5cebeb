package uk.callretention.bench.runner;

import com.amazonaws.services.lambda.runtime.Context;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark run in its own JVM, as Lambda runs a handler: constructs it with its public no-argument constructor
 * (which reads {@code System.getenv()}), turns each event file into the handler's input type and invokes it.
 *
 * <ul>
 *   <li>{@code cold HANDLER EVENT}: one invocation; prints {@link Figures#RESPONDED} the moment it answers, then the JVM's
 *   uptime at that moment, its CPU time, peak RSS and classes loaded (CPU and classes are read after the answer and
 *   include the management beans' own loading, the same for every run).</li>
 *   <li>{@code primed HANDLER EVENT...}: construct, call the org.crac hooks as SnapStart would, then time the first
 *   invocation and the median of the rest (warm).</li>
 *   <li>{@code unprimed HANDLER EVENT...}: the same without the hooks.</li>
 * </ul>
 */
public final class Runner {

    private Runner() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 3) {
            System.err.println("usage: Runner cold|primed|unprimed HANDLER-CLASS EVENT-FILE...");
            System.exit(2);
        }
        String mode = args[0];
        if (mode.equals("primed")) {
            Crac.install();
        }
        long started = System.nanoTime();
        Object handler = Class.forName(args[1]).getConstructor().newInstance();
        long constructed = System.nanoTime();
        Method handle = handleRequest(handler.getClass());
        Type input = handle.getGenericParameterTypes()[0];
        List<Path> events = Arrays.stream(args).skip(2).map(Path::of).toList();
        switch (mode) {
            case "cold" -> cold(handler, handle, input, events.get(0));
            case "primed", "unprimed" -> repeated(handler, handle, input, events, mode.equals("primed"), millis(constructed - started));
            default -> throw new IllegalArgumentException("mode " + mode + ": cold, primed or unprimed");
        }
        System.out.flush();
        // Some SDK HTTP clients keep non-daemon threads: the run is over, as a Lambda invocation is.
        System.exit(0);
    }

    private static void cold(Object handler, Method handle, Type input, Path event) throws Throwable {
        Object answer = invoke(handler, handle, input, event);
        long responded = System.nanoTime();
        System.out.println(Figures.RESPONDED);
        double peakRssKb = ProcStatus.peakRssKb();
        double uptimeNow = ManagementFactory.getRuntimeMXBean().getUptime();
        double uptimeAtResponse = uptimeNow - millis(System.nanoTime() - responded);
        double cpu = millis(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
        double classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("uptimeMs", uptimeAtResponse);
        figures.put("cpuMs", cpu);
        figures.put("peakRssKb", peakRssKb);
        figures.put("classes", classes);
        System.out.println(Figures.line(figures));
        System.out.println(Figures.RESPONSE + Json.write(answer));
    }

    private static void repeated(Object handler, Method handle, Type input, List<Path> events, boolean hooks, double initMs) throws Throwable {
        long beforeHooks = System.nanoTime();
        int hooked = hooks ? Crac.checkpointRestore(handler.getClass().getClassLoader()) : 0;
        double hooksMs = millis(System.nanoTime() - beforeHooks);
        List<Double> times = new ArrayList<>();
        Object first = null;
        for (Path event : events) {
            long start = System.nanoTime();
            Object answer = invoke(handler, handle, input, event);
            times.add(millis(System.nanoTime() - start));
            first = first == null ? answer : first;
        }
        List<Double> warm = new ArrayList<>(times.subList(1, times.size()));
        warm.sort(null);
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("initMs", initMs);
        figures.put("hooks", (double) hooked);
        figures.put("hooksMs", hooksMs);
        figures.put("firstMs", times.get(0));
        figures.put("warmMs", warm.isEmpty() ? Double.NaN : warm.get(warm.size() / 2));
        figures.put("peakRssKb", (double) ProcStatus.peakRssKb());
        System.out.println(Figures.line(figures));
        System.out.println(Figures.RESPONSE + Json.write(first));
    }

    private static Object invoke(Object handler, Method handle, Type input, Path event) throws Throwable {
        Object bound = EventBinder.bind(Json.parse(Files.readString(event)), input);
        try {
            return handle.invoke(handler, bound, new BenchContext(System.getenv()));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** RequestHandler's handleRequest(I, Context), the declared one rather than the erased bridge. */
    static Method handleRequest(Class<?> type) {
        Method found = null;
        for (Method method : type.getMethods()) {
            if (method.getName().equals("handleRequest") && method.getParameterCount() == 2
                    && method.getParameterTypes()[1] == Context.class && (found == null || found.isBridge())) {
                found = method;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException(type.getName() + " has no handleRequest(input, Context)");
        }
        return found;
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
