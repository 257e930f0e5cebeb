package uk.callretention.expiry;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The function's input, from the schedule's Input or an on-demand invocation:
 * {@code {"mode": "sweep" | "reapply-policy" | "reapply-report" | "digest-audit", "dryRun": bool, "today": "YYYY-MM-DD",
 * "council": "south-hams", "jobId": "...", "catchUp": bool}}, every field optional but {@code jobId}, which mode
 * {@code reapply-report} needs. {@code catchUp} is the catch-up schedule's sweep, which works only when the last run
 * did not finish. {@code today} may name an earlier day than the real one (tests, or re-running a missed day's
 * report), never a later one: that would delete before the expiry date, or seal an audit day not yet over.
 */
record Invocation(Mode mode, boolean dryRun, LocalDate today, Optional<String> council, Optional<String> jobId, boolean catchUp) {

    enum Mode { SWEEP, REAPPLY_POLICY, REAPPLY_REPORT, DIGEST_AUDIT }

    private static final Set<String> FIELDS = Set.of("mode", "dryRun", "today", "council", "jobId", "catchUp");

    /** A known mistake in the input, answered with its code rather than a stack trace. */
    static final class InvalidInput extends RuntimeException {
        private final String code;

        InvalidInput(String code, String message) {
            super(message);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    static Invocation parse(Map<String, Object> input, LocalDate realToday) {
        Map<String, Object> fields = input == null ? Map.of() : input;
        fields.keySet().stream().filter(name -> !FIELDS.contains(name)).findFirst().ifPresent(name -> {
            throw new InvalidInput("unknown-field", "unknown field '" + name + "'; the fields are " + FIELDS);
        });
        Mode mode = switch (String.valueOf(fields.getOrDefault("mode", "sweep"))) {
            case "sweep" -> Mode.SWEEP;
            case "reapply-policy" -> Mode.REAPPLY_POLICY;
            case "reapply-report" -> Mode.REAPPLY_REPORT;
            case "digest-audit" -> Mode.DIGEST_AUDIT;
            default -> throw new InvalidInput("unknown-mode", "mode must be sweep, reapply-policy, reapply-report or digest-audit");
        };
        Object dryRun = fields.getOrDefault("dryRun", false);
        if (!(dryRun instanceof Boolean)) {
            throw new InvalidInput("dry-run-not-boolean", "dryRun must be true or false");
        }
        if (mode == Mode.DIGEST_AUDIT && Boolean.TRUE.equals(dryRun)) {
            throw new InvalidInput("dry-run-not-for-digest", "dryRun applies to modes sweep and reapply-policy");
        }
        LocalDate today = realToday;
        if (fields.get("today") != null) {
            try {
                today = LocalDate.parse(String.valueOf(fields.get("today")));
            } catch (DateTimeException e) {
                throw new InvalidInput("today-not-a-date", "today must be a date such as 2026-11-25");
            }
            if (today.isAfter(realToday)) {
                throw new InvalidInput("today-in-future", "today may not be after the real UK date, " + realToday);
            }
        }
        Optional<String> council = Optional.ofNullable(fields.get("council")).map(String::valueOf);
        if (council.isPresent() && mode != Mode.REAPPLY_POLICY) {
            throw new InvalidInput("council-only-for-reapply", "council applies only to mode reapply-policy");
        }
        Optional<String> jobId = Optional.ofNullable(fields.get("jobId")).map(String::valueOf).filter(id -> !id.isBlank());
        if (jobId.isPresent() != (mode == Mode.REAPPLY_REPORT)) {
            throw new InvalidInput("job-id-only-for-report", "mode reapply-report needs a jobId, and only it takes one");
        }
        Object catchUp = fields.getOrDefault("catchUp", false);
        if (!(catchUp instanceof Boolean) || (Boolean.TRUE.equals(catchUp) && (mode != Mode.SWEEP || Boolean.TRUE.equals(dryRun)))) {
            throw new InvalidInput("catch-up-not-valid", "catchUp is true or false, and true only for a sweep that is not a dry run");
        }
        return new Invocation(mode, (Boolean) dryRun, today, council, jobId, (Boolean) catchUp);
    }
}
