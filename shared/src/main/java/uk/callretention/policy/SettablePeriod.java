package uk.callretention.policy;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A retention period a council's notice leaves to the council: the deployment setting that
 * gives it, its default, and where the file names the setting. It is chosen each time a book
 * is read, from that reader's settings, so the compiled book carries the setting rather than
 * the value it had at build time.
 *
 * @param rule  the index of the rule in the council's {@code retention} list
 * @param file  where a wrong value is reported, as for any mistake in the file
 * @param line  the line of the {@code setting} field
 * @param field e.g. {@code retention[0].period.setting}
 */
record SettablePeriod(int rule, String setting, RetentionClass fallback, String file, int line, String field) {

    /** The values a setting may take, as a wrong value's message lists them. */
    static final String ALLOWED = RetentionClass.SETTABLE.stream().map(RetentionClass::id).collect(Collectors.joining(", "));

    /** Unset or blank means the default: deployment tools pass an empty value for a parameter left unset. */
    Optional<RetentionClass> choose(Map<String, String> settings, Problems problems) {
        String value = settings.get(setting);
        if (value == null || value.isBlank()) {
            return Optional.of(fallback);
        }
        for (RetentionClass settable : RetentionClass.SETTABLE) {
            if (settable.id().equals(value.strip())) {
                return Optional.of(settable);
            }
        }
        problems.add(line, field, "the setting " + setting + " is '" + value + "'; it must be one of " + ALLOWED);
        return Optional.empty();
    }
}
