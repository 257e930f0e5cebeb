package uk.callretention.console;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import uk.callretention.aws.AwsClients;
import uk.callretention.observability.LogLine;

/** The function's production wiring, in one place: the site read and the client built once, at initialisation. */
record PublishConsoleFactory(PublishedSite site, SitePublisher publisher, LogLine log) {

    static PublishConsoleFactory fromEnvironment(Map<String, String> environment, PrintStream out) {
        return new PublishConsoleFactory(new PublishedSite(BundledSite.read(PublishConsoleFactory.class.getClassLoader())),
                new SitePublisher(AwsClients.fromEnvironment(environment).s3()), new LogLine(out, Clock.systemUTC()));
    }
}
