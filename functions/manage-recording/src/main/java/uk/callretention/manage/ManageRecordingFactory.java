package uk.callretention.manage;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import uk.callretention.access.Erasure;
import uk.callretention.access.HoldDesk;
import uk.callretention.access.HoldsToReview;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.RetentionRepositories;
import uk.callretention.aws.SnapStartPriming;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;

/** The function's production wiring, in one place: clients built once, at initialisation, where SnapStart keeps them. */
record ManageRecordingFactory(HoldDesk holds, HoldsToReview holdsToReview, Erasure erasure, LogLine log, SnapStartPriming snapStart) {

    static ManageRecordingFactory fromEnvironment(Map<String, String> environment, PrintStream out) {
        return fromEnvironment(environment, out, Clock.systemUTC());
    }

    /** @param clock tests' clock, set ahead to see holds' reviews fall due */
    static ManageRecordingFactory fromEnvironment(Map<String, String> environment, PrintStream out, Clock clock) {
        return wired(AwsClients.fromEnvironment(environment), environment, out, clock);
    }

    /** @param clients the function's own, or the priming clients its SnapStart priming wires a second handler with */
    static ManageRecordingFactory wired(AwsClients clients, Map<String, String> environment, PrintStream out, Clock clock) {
        PolicyBook policies = PolicyBook.bundled(environment);
        RetentionRepositories repositories = RetentionRepositories.fromEnvironment(clients.s3(), clients.dynamoDb(), environment);
        return new ManageRecordingFactory(
                new HoldDesk(policies, repositories.catalogue(), repositories.holdService(policies, clock), repositories.audit(), clock),
                new HoldsToReview(policies, repositories.catalogue(), repositories.holds(), repositories.audit(), clock),
                new Erasure(policies, repositories.catalogue(), repositories.holds(), repositories.store(), repositories.catalogue(),
                        repositories.audit(), clock),
                new LogLine(out, clock),
                new SnapStartPriming(() -> ManageRecordingPriming.usualRequest(environment, ManageRecordingPriming.aws(environment))));
    }
}
