package uk.callretention.statistics;

/**
 * What the statistics count, each broken down by one non-personal fact (a channel, a team, a reason, a purpose, how
 * late), or by nothing ({@value #ALL}). Every measure but one is a count of things that happened in the period; the
 * holds overdue for review are a count of how things stood on the last day counted.
 */
public enum Measure {
    RECEIVED_BY_CHANNEL("received-by-channel"),
    RECEIVED_BY_TEAM("received-by-team"),
    QUARANTINED_BY_REASON("quarantined-by-reason"),
    DELETED_BY_DAYS_LATE("deleted-by-days-late"),
    HELD_BY_REASON("held-by-reason"),
    RELEASED_BY_REASON("released-by-reason"),
    HOLDS_OVERDUE_FOR_REVIEW("holds-overdue-for-review"),
    PLAYBACKS_ALLOWED_BY_PURPOSE("playbacks-allowed-by-purpose"),
    PLAYBACKS_REFUSED_BY_PURPOSE("playbacks-refused-by-purpose"),
    SUBJECT_ACCESS_SEARCHES("subject-access-searches"),
    SUBJECT_ACCESS_EXPORTS("subject-access-exports"),
    ERASURES("erasures"),
    TRAINING_COPIES_BY_TEAM("training-copies-by-team");

    /** The breakdown of a measure that has none. */
    public static final String ALL = "all";

    private final String id;

    Measure(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Whether a month's figure is the last day's standing rather than the days' sum. */
    public boolean standing() {
        return this == HOLDS_OVERDUE_FOR_REVIEW;
    }

    public static Measure fromId(String id) {
        for (Measure measure : values()) {
            if (measure.id.equals(id)) {
                return measure;
            }
        }
        throw new IllegalArgumentException("no measure " + id);
    }
}
