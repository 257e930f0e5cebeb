package uk.callretention.retention;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What re-applying the policies did (or, in a dry run, would do) to one recording version: the answer a batch job's
 * per-object handler gives, as a short text that the job's completion report carries back ({@link #resultString}).
 *
 * @param nowDue  the date moved earlier and has come: the next sweep deletes the recording
 * @param applied the recording was re-tagged, its catalogue entry updated and the change audited; never in a dry run
 */
public record Reapplied(Change change, boolean nowDue, boolean applied) {

    private static final String NOW_DUE = "now-due";
    private static final String APPLIED = "applied";

    public enum Change {
        UNCHANGED("unchanged"),
        EARLIER("earlier"),
        LATER("later"),
        /** Same expiry date, new retention class or policy version. */
        POLICY_ONLY("policy-only"),
        /** The policies no longer cover its team or channel: left as it is. */
        UNCLASSIFIABLE("unclassifiable"),
        /** No catalogue entry for the key. */
        NOT_CATALOGUED("not-catalogued"),
        /** The catalogue holds a newer upload of the key, tagged under the policies in force when it arrived. */
        SUPERSEDED("superseded"),
        /** Deleted or quarantined since the manifest was made. */
        NOT_ACTIVE("not-active"),
        /** A hold, an upload or the sweep changed the entry while it was being re-applied: try again. */
        CHANGED_MEANWHILE("changed-meanwhile");

        private final String id;

        Change(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** Whether the recording was examined under the policies, as opposed to skipped. */
        public boolean examined() {
            return ordinal() <= UNCLASSIFIABLE.ordinal();
        }
    }

    public static Reapplied of(Change change) {
        return new Reapplied(change, false, false);
    }

    /** {@code earlier,now-due,applied}: the change, then what followed from it. */
    public String resultString() {
        return change.id + (nowDue ? "," + NOW_DUE : "") + (applied ? "," + APPLIED : "");
    }

    /** The outcome a {@link #resultString} names; empty for any other text. */
    public static Optional<Reapplied> parse(String resultString) {
        if (resultString == null) {
            return Optional.empty();
        }
        List<String> parts = List.of(resultString.strip().split(","));
        Optional<Change> change = Arrays.stream(Change.values()).filter(c -> c.id.equals(parts.get(0))).findFirst();
        List<String> rest = parts.subList(1, parts.size());
        if (change.isEmpty() || !List.of(NOW_DUE, APPLIED).containsAll(rest)) {
            return Optional.empty();
        }
        return Optional.of(new Reapplied(change.get(), rest.contains(NOW_DUE), rest.contains(APPLIED)));
    }
}
