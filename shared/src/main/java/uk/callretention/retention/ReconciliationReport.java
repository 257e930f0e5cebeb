package uk.callretention.retention;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one reconciliation run found and did.
 *
 * @param stoppedAt   where a run stopped by its deadline had got to (a key prefix, or the dead-letter queue); null
 *                    when complete
 * @param leftToSettle current versions younger than {@link Reconciliation#SETTLING}, left to the upload path
 * @param found       problems found, by {@link Reconciliation.Problem#id()}; a dry run finds them and puts none right
 * @param repaired    problems put right (each audited and counted in {@code RecordingsReconciled})
 * @param failed      repairs that failed; the next run finds them again
 * @param deadLettersLeft dead letters still in the queue after the run: those that failed again (or, in a dry run, those waiting)
 */
public record ReconciliationReport(String runId, boolean dryRun, LocalDate from, LocalDate to, boolean complete, String stoppedAt,
                                   int prefixesListed, int objectsChecked, int entriesChecked, int leftToSettle,
                                   Map<String, Integer> found, int repaired, int failed, int deadLettersHandled, int deadLettersLeft) {

    /** For the log line and the function's answer. */
    public Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("runId", runId);
        summary.put("dryRun", dryRun);
        summary.put("from", from.toString());
        summary.put("to", to.toString());
        summary.put("complete", complete);
        if (stoppedAt != null) {
            summary.put("stoppedAt", stoppedAt);
        }
        summary.put("prefixesListed", prefixesListed);
        summary.put("objectsChecked", objectsChecked);
        summary.put("entriesChecked", entriesChecked);
        summary.put("leftToSettle", leftToSettle);
        summary.put("found", found);
        summary.put("repaired", repaired);
        summary.put("failed", failed);
        summary.put("deadLettersHandled", deadLettersHandled);
        summary.put("deadLettersLeft", deadLettersLeft);
        return summary;
    }
}
