package uk.callretention.local.runtime.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import uk.callretention.local.runtime.DaemonThreads;
import uk.callretention.local.runtime.RuntimeLog;
import uk.callretention.local.runtime.function.FunctionFailedException;
import uk.callretention.local.runtime.function.LambdaFunction;

/** Runs functions on their ScheduleV2 schedules, and on demand. */
public final class Scheduler implements AutoCloseable {
    private final Map<String, Schedule> schedules = new LinkedHashMap<>();
    private final Map<String, LambdaFunction> functions;
    private final ScheduledExecutorService timer;

    public Scheduler(Iterable<Schedule> schedules, Map<String, LambdaFunction> functions) {
        schedules.forEach(schedule -> this.schedules.put(schedule.key(), schedule));
        this.functions = functions;
        this.timer = Executors.newScheduledThreadPool(Math.max(1, this.schedules.size()), new DaemonThreads("scheduler"));
    }

    public Scheduler start() {
        Instant now = Instant.now();
        schedules.values().stream().filter(Schedule::enabled).forEach(schedule -> planAfter(schedule, now));
        return this;
    }

    public Map<String, Schedule> schedules() {
        return schedules;
    }

    /**
     * Runs a schedule's function now, as its schedule would.
     *
     * @param input replaces the schedule's Input when present
     * @return the function's result
     * @throws IllegalArgumentException when there is no such schedule
     */
    public Object runNow(String key, Optional<Object> input) throws FunctionFailedException {
        Schedule schedule = schedules.get(key);
        if (schedule == null) {
            throw new IllegalArgumentException("no schedule " + key + "; the schedules are " + schedules.keySet());
        }
        return functions.get(schedule.functionLogicalId()).invoke(input.orElse(schedule.input()));
    }

    private void planAfter(Schedule schedule, Instant after) {
        schedule.expression().nextAfter(after).ifPresentOrElse(next -> timer.schedule(() -> fire(schedule, next),
                Math.max(0, Duration.between(Instant.now(), next).toMillis()), TimeUnit.MILLISECONDS),
                () -> RuntimeLog.info("schedule " + schedule.key() + " " + schedule.expressionText() + " will not run again"));
    }

    private void fire(Schedule schedule, Instant planned) {
        LambdaFunction function = functions.get(schedule.functionLogicalId());
        try {
            function.invoke(schedule.input());
            RuntimeLog.info("schedule " + schedule.key() + " ran");
        } catch (FunctionFailedException e) {
            function.logFailure("schedule " + schedule.key() + " " + schedule.expressionText(), e);
        }
        // times missed while this run overran (or the machine slept) are skipped, not run back to back
        boolean behind = schedule.expression().nextAfter(planned).map(next -> next.isBefore(Instant.now())).orElse(false);
        planAfter(schedule, behind ? Instant.now() : planned);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
