package uk.callretention.aws;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import uk.callretention.observability.LogLine;

/**
 * A function's SnapStart runtime hooks ({@code org.crac}, which Lambda's java21 runtime calls around the snapshot it
 * takes of an initialised function). Each function states only what is its own: its usual request, which it makes
 * through a second wiring of itself over {@link #clients priming clients}, and the caller-hash key it holds, if any.
 *
 * <p>Before the snapshot: the usual request, once, so that the classes and code a first request needs are loaded and
 * compiled in the snapshot rather than after a restore, while a manager waits. Priming clients answer from a table and
 * send nothing, so no table, bucket or log is touched; the request's log lines and metrics go {@link #nowhere()}. Then
 * one {@link LoopbackRequest}, so the JDK's HTTP and socket classes, which the priming clients never reach, are loaded
 * too. Then the caller-hash key is forgotten: Lambda initialises a function without reading it, but a snapshot must not
 * hold it even when something did.
 *
 * <p>After a restore: the caller-hash key the usual request needs is read again, in the background. Nothing else the functions hold needs
 * refreshing, and why: the function's own clients send nothing before the snapshot, so the default credentials chain
 * first resolves after a restore and reads the container credentials Lambda gives the restored instance (and no
 * connection opened before the snapshot is reused); clocks are {@code Clock.systemUTC()}, read at each use, and no date
 * is cached; ids come from {@code UUID.randomUUID()}, whose {@code SecureRandom} (NativePRNG on Linux) mixes in bytes
 * read from {@code /dev/urandom} at each use, so restored instances do not repeat each other's ids.
 */
public final class SnapStartPriming implements Resource {

    /** Keys for the priming clients' signatures: real-looking, valid nowhere, so the default credentials chain is not asked. */
    private static final Map<String, String> PRIMING_CREDENTIALS = Map.of(
            "AWS_ACCESS_KEY_ID", "AKIAPRIMINGNOTAKEY00", "AWS_SECRET_ACCESS_KEY", "priming-only-not-a-secret-key-of-any-account");

    private final Runnable usualRequest;
    private final Runnable loopbackRequest;
    private final List<CallerHashKey> rereadAfterRestore;
    private final List<CallerHashKey> forgotten;

    /** @param keysTheUsualRequestNeeds forgotten before the snapshot and read again, in the background, after a restore */
    public SnapStartPriming(Runnable usualRequest, CallerHashKey... keysTheUsualRequestNeeds) {
        this(usualRequest, LoopbackRequest::send, List.of(keysTheUsualRequestNeeds), List.of(keysTheUsualRequestNeeds));
    }

    /** @param loopbackRequest {@link LoopbackRequest#send}, or what a test sees it by */
    SnapStartPriming(Runnable usualRequest, Runnable loopbackRequest, List<CallerHashKey> rereadAfterRestore, List<CallerHashKey> forgotten) {
        this.usualRequest = usualRequest;
        this.loopbackRequest = loopbackRequest;
        this.rereadAfterRestore = rereadAfterRestore;
        this.forgotten = forgotten;
    }

    /**
     * These hooks, also forgetting {@code key} before the snapshot but leaving it unread after a restore, for a key only a
     * rarer request needs (playback's subject access): reading it then would slow the usual first request for nothing.
     */
    public SnapStartPriming forgetting(CallerHashKey key) {
        List<CallerHashKey> more = new ArrayList<>(forgotten);
        more.add(key);
        return new SnapStartPriming(usualRequest, loopbackRequest, rereadAfterRestore, List.copyOf(more));
    }

    /**
     * Registers these hooks with the global context, from Lambda's constructor only (the local runtime and tests make
     * no snapshot). The context may hold its resources weakly: the handler keeps the returned hooks in a field.
     */
    public SnapStartPriming registered() {
        Core.getGlobalContext().register(this);
        return this;
    }

    /**
     * The function's clients as its environment configures them (region, timeouts, retries), over {@code http}, signing
     * with priming keys, addressing AWS as in Lambda: for the second wiring that the usual request goes through.
     */
    public static AwsClients clients(Map<String, String> environment, PrimingHttpClient http) {
        Map<String, String> priming = new HashMap<>(environment);
        // Addressed as in Lambda, where no endpoint is overridden: the priming path is Lambda's, and nothing it makes
        // could ever be sent to a local server instead.
        priming.keySet().removeIf(name -> name.startsWith("AWS_ENDPOINT_URL"));
        priming.remove("AWS_SESSION_TOKEN");
        priming.putAll(PRIMING_CREDENTIALS);
        return AwsClients.fromEnvironment(priming, http);
    }

    /** Where the priming request's log lines and metrics go: nowhere. */
    public static PrintStream nowhere() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // Each on its own: the loopback request loads classes the usual request never reaches, so it is worth making
        // even when the usual request failed.
        prime("usual request", usualRequest);
        prime("loopback request", loopbackRequest);
        forgotten.forEach(CallerHashKey::forget);
    }

    private static void prime(String request, Runnable making) {
        try {
            making.run();
        } catch (RuntimeException e) {
            // An unprimed snapshot still serves correctly, only its first request is slower: no reason to fail the deploy.
            new LogLine(System.out, Clock.systemUTC()).error("SnapStart priming failed; the first request after a restore will be slower",
                    Map.of("request", request, "error", e.getClass().getName(), "cause", String.valueOf(e.getMessage())));
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        rereadAfterRestore.forEach(CallerHashKey::readInBackground);
    }
}
