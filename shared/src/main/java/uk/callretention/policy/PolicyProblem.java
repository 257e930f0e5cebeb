package uk.callretention.policy;

/**
 * One mistake in a policy file, where a reviewer can find it.
 *
 * @param file  e.g. {@code policies/rutland.yaml}
 * @param line  1-based; 0 when the problem is with the directory as a whole
 * @param field the field's path, e.g. {@code retention[1].effectiveFrom}; empty when none applies
 */
public record PolicyProblem(String file, int line, String field, String message) {

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        return field.isEmpty() ? where + ": " + message : where + ": " + field + ": " + message;
    }
}
