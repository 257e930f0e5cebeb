package uk.callretention.retention;

/**
 * What a re-application job did (or, in a dry run, would do) to the catalogued recordings its manifest named, counted
 * from each task's {@link Reapplied} outcome in the job's completion report.
 *
 * @param examined       recordings decided again under the policies (the manifest's rows less skipped and failed)
 * @param earlier        expiry dates that move earlier
 * @param later          expiry dates that move later
 * @param policyOnly     same expiry date, new retention class or policy version
 * @param nowDue         of those moving earlier, recordings whose new date has come: the next sweep deletes them
 * @param unclassifiable recordings the policies no longer cover (their team or channel was removed): left as they are
 * @param applied        recordings re-tagged and updated; 0 in a dry run
 * @param skipped        rows whose recording was deleted, quarantined, re-uploaded or uncatalogued since the manifest was made
 * @param failed         rows the job gave up on (see the completion report's failed tasks); run the job again for them
 * @param complete       false unless the job ran to completion
 */
public record ReapplyReport(String runId, boolean dryRun, boolean complete, int examined, int earlier, int later, int policyOnly,
                            int nowDue, int unclassifiable, int applied, int skipped, int failed) {

    /** Counts task outcomes as a completion report gives them. */
    public static final class Tally {
        private int examined;
        private int earlier;
        private int later;
        private int policyOnly;
        private int nowDue;
        private int unclassifiable;
        private int applied;
        private int skipped;
        private int failed;

        /** A task that succeeded with that result string; one whose string names no outcome counts as failed. */
        public void succeeded(String resultString) {
            Reapplied.parse(resultString).filter(outcome -> outcome.change() != Reapplied.Change.CHANGED_MEANWHILE)
                    .ifPresentOrElse(this::count, this::failed);
        }

        public void failed() {
            failed++;
        }

        private void count(Reapplied outcome) {
            if (!outcome.change().examined()) {
                skipped++;
                return;
            }
            examined++;
            switch (outcome.change()) {
                case EARLIER -> earlier++;
                case LATER -> later++;
                case POLICY_ONLY -> policyOnly++;
                case UNCLASSIFIABLE -> unclassifiable++;
                default -> { }
            }
            nowDue += outcome.nowDue() ? 1 : 0;
            applied += outcome.applied() ? 1 : 0;
        }

        public ReapplyReport report(String runId, boolean dryRun, boolean complete) {
            return new ReapplyReport(runId, dryRun, complete, examined, earlier, later, policyOnly, nowDue, unclassifiable, applied, skipped, failed);
        }
    }
}
