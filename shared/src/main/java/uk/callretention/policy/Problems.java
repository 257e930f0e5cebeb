package uk.callretention.policy;

import java.util.List;

/** Collects the problems of one policy file into the list for the whole book. */
final class Problems {

    private final String file;
    private final List<PolicyProblem> found;
    private int count;

    Problems(String file, List<PolicyProblem> found) {
        this.file = file;
        this.found = found;
    }

    String file() {
        return file;
    }

    void add(int line, String field, String message) {
        found.add(new PolicyProblem(file, line, field, message));
        count++;
    }

    /** How many problems this file has so far: a part of the file is usable only if reading it added none. */
    int count() {
        return count;
    }
}
