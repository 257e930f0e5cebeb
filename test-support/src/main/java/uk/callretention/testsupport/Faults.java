package uk.callretention.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A seeded, replayable plan of AWS faults for code run through {@link #run} or {@link #call}, applied by
 * {@link FaultInjector} to every SDK client that code uses: the functions' own clients, built by {@code AwsClients}
 * with their production retries and timeouts, so the SDK's retries meet the faults as they would in AWS.
 *
 * <p>Three uses, combinable:
 * <ul>
 *   <li>{@link #none()} only records the calls made, in order: a step sequence to crash in.</li>
 *   <li>{@link #seeded(long, double, Fault...)} fails each attempt with probability {@code rate}, with one of the
 *       given faults, drawn from a {@link Random} with that seed; {@link Fault#KEYS_REFUSED} refuses each key of a
 *       {@code DeleteObjects} with that probability instead. Same seed, same calls: same faults.</li>
 *   <li>{@link #crashingAt(int)} kills the process before call {@code n} (1-based): that call and every later one
 *       throw {@link ProcessCrash}, which nothing in the code under test catches. Run the operation again with
 *       {@link #none()} to see it converge (a redelivery, a retry, the next scheduled run).</li>
 * </ul>
 *
 * <p>Faults apply only on the thread inside {@code run} or {@code call} and the threads it starts meanwhile (the sweep's
 * workers), never to a test's own set-up and checks through {@code LocalAws.clients()}; code under test on threads
 * started earlier joins with {@link #on(Runnable)}. Calls made on several threads at once draw in the order they come,
 * so a replay of the same seed draws the same faults, though not always for the same calls.
 * {@link FaultInjector} is registered for every SDK client by this module
 * ({@code software/amazon/awssdk/global/handlers/execution.interceptors}): a test needs no wiring beyond this class.
 * Print {@link #summary()} so a failing seed can be replayed.
 *
 * <pre>{@code
 * AwsClients clients = AwsClients.fromEnvironment(aws.environmentOf("ManageRecordingFunction"));
 * HoldService holds = RetentionRepositories.fromEnvironment(clients.s3(), clients.dynamoDb(), environment).holdService(policies, clock);
 *
 * Faults faults = Faults.seeded(seed, 0.3, Fault.values());
 * faults.run(() -> holds.place(request));             // may throw once the SDK's retries are spent
 * // ...then the retry, with no faults, and the checks; print faults.summary()
 *
 * Faults probe = Faults.none();
 * probe.run(() -> holds.place(another));              // probe.calls(): the steps to crash between
 * for (int n = 1; n <= probe.calls().size(); n++) {
 *     Faults crash = Faults.crashingAt(n);
 *     try { crash.run(() -> holds.place(fresh)); } catch (ProcessCrash died) { }
 *     // ...run it again with no faults, then check it converged
 * }
 * }</pre>
 *
 * <p>{@link Uploads} makes tagged recordings to run such code on.
 */
public final class Faults {

    private final long seed;
    private final Random random;
    private final double rate;
    private final Set<Fault> kinds;
    private Set<String> operations = Set.of();
    private int crashAt;
    private boolean crashed;
    private final List<String> calls = new ArrayList<>();
    private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);

    private Faults(long seed, double rate, Set<Fault> kinds) {
        this.seed = seed;
        this.random = new Random(seed);
        this.rate = rate;
        this.kinds = kinds;
    }

    public static Faults none() {
        return new Faults(0, 0, EnumSet.noneOf(Fault.class));
    }

    public static Faults seeded(long seed, double rate, Fault... kinds) {
        if (rate < 0 || rate >= 1 || kinds.length == 0) {
            throw new IllegalArgumentException("a rate in [0, 1) and at least one fault");
        }
        return new Faults(seed, rate, EnumSet.of(kinds[0], kinds));
    }

    public static Faults crashingAt(int call) {
        return none().crashAt(call);
    }

    /** Also kills the process before call {@code n}. */
    public Faults crashAt(int call) {
        if (call < 1) {
            throw new IllegalArgumentException("calls count from 1");
        }
        this.crashAt = call;
        return this;
    }

    /** Faults only calls of these operations ({@code "DeleteObjects"}, {@code "PutItem"}); the others are only counted. */
    public Faults onlyOn(String... operationNames) {
        this.operations = Set.of(operationNames);
        return this;
    }

    public void run(Runnable code) {
        call(() -> {
            code.run();
            return null;
        });
    }

    public <T> T call(Supplier<T> code) {
        Faults outer = FaultInjector.ARMED.get();
        FaultInjector.ARMED.set(this);
        try {
            return code.get();
        } finally {
            FaultInjector.ARMED.set(outer);
        }
    }

    /** The same plan for code that runs on another thread. */
    public Runnable on(Runnable code) {
        return () -> run(code);
    }

    /** Every call made so far, by operation name, in order (the crashed one included). */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized int injected() {
        return injected.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized int injected(Fault fault) {
        return injected.getOrDefault(fault, 0);
    }

    public synchronized boolean crashed() {
        return crashed;
    }

    /** The seed, the rate and what was injected: enough to replay a failure. */
    public synchronized String summary() {
        return "seed " + seed + ", rate " + rate + ", " + calls.size() + " calls, injected " + injected
                + (crashAt > 0 ? ", crash before call " + crashAt : "");
    }

    synchronized void beforeCall(String operation) {
        calls.add(operation);
        if (crashed || (crashAt > 0 && calls.size() >= crashAt)) {
            crashed = true;
            throw new ProcessCrash(calls.size(), operation);
        }
    }

    /** The fault for this attempt, if any: one draw per attempt, so a replay with the same seed draws the same. */
    synchronized Optional<Fault> forAttempt(String operation) {
        List<Fault> attemptFaults = kinds.stream().filter(f -> f != Fault.KEYS_REFUSED).toList();
        if (attemptFaults.isEmpty() || !applies(operation) || random.nextDouble() >= rate) {
            return Optional.empty();
        }
        Fault fault = attemptFaults.get(random.nextInt(attemptFaults.size()));
        count(fault);
        return Optional.of(fault);
    }

    /** Which of a DeleteObjects call's keys S3 refuses; never all of them, so the call still deletes something. */
    synchronized Set<Integer> keysToRefuse(String operation, int keys) {
        if (!kinds.contains(Fault.KEYS_REFUSED) || !applies(operation) || keys < 2) {
            return Set.of();
        }
        Set<Integer> refused = new TreeSet<>();
        for (int i = 0; i < keys; i++) {
            if (random.nextDouble() < rate) {
                refused.add(i);
            }
        }
        if (refused.size() == keys) {
            refused.remove(random.nextInt(keys));
        }
        for (int i = 0; i < refused.size(); i++) {
            count(Fault.KEYS_REFUSED);
        }
        return Collections.unmodifiableSet(refused);
    }

    private boolean applies(String operation) {
        return operations.isEmpty() || operations.contains(operation);
    }

    private void count(Fault fault) {
        injected.merge(fault, 1, Integer::sum);
    }
}
