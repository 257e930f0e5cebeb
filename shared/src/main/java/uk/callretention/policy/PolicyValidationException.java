package uk.callretention.policy;

import java.util.List;
import java.util.stream.Collectors;

/** The council policies are wrong; lists every problem found, not just the first, so one build shows them all. */
public final class PolicyValidationException extends RuntimeException {

    private final List<PolicyProblem> problems;

    public PolicyValidationException(List<PolicyProblem> problems) {
        super(problems.size() + " problem(s) in the council policies:"
                + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining()));
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }
}
