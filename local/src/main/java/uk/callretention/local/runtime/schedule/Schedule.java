package uk.callretention.local.runtime.schedule;

/**
 * A function's ScheduleV2 event.
 *
 * @param input   the JSON the function gets: the template's Input, or {} when it gives none
 * @param enabled false when State is DISABLED: it then runs only on demand
 */
public record Schedule(String functionLogicalId, String eventName, String expressionText, ScheduleExpression expression,
                       Object input, boolean enabled) {

    /** The schedule's name in the control route {@code /_local/schedules/{function}/{event}}. */
    public String key() {
        return functionLogicalId + "/" + eventName;
    }
}
