package uk.callretention.retention;

/**
 * What re-applying the policies did (or, in a dry run, would do) to catalogued recordings.
 *
 * @param examined      active and held recordings read
 * @param earlier       expiry dates that move earlier
 * @param later         expiry dates that move later
 * @param policyOnly    same expiry date, new retention class or policy version
 * @param nowDue        of those moving earlier, recordings whose new date has come: the next sweep deletes them
 * @param unclassifiable recordings the policies no longer cover (their team or channel was removed): left as they are
 * @param applied       recordings re-tagged and updated; 0 in a dry run
 * @param complete      false when it stopped at the deadline: run it again, it carries on where it stopped
 */
public record ReapplyReport(String runId, boolean dryRun, boolean complete, int examined, int earlier, int later, int policyOnly,
                            int nowDue, int unclassifiable, int applied) {
}
