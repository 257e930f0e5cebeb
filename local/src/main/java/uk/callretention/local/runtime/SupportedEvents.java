package uk.callretention.local.runtime;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import uk.callretention.local.template.EventSource;
import uk.callretention.local.template.FunctionDefinition;
import uk.callretention.local.template.Template;
import uk.callretention.local.template.UnsupportedTemplateException;

/** Refuses, before anything starts, function events the local runtime would not run as AWS does. */
public final class SupportedEvents {
    public static final Set<String> TYPES = Set.of("SQS", "ScheduleV2", "HttpApi");
    private static final List<String> UNSUPPORTED_SQS_PROPERTIES = List.of("FilterCriteria", "MetricsConfig", "ProvisionedPollerConfig");
    private static final String PACKAGE = SupportedEvents.class.getPackageName();

    private SupportedEvents() {
    }

    /** @throws UnsupportedTemplateException naming the function, the event and what to do */
    public static void check(Template template) {
        for (FunctionDefinition function : template.functions().values()) {
            function.events().forEach((name, event) -> problem(event).ifPresent(problem -> {
                throw new UnsupportedTemplateException(function.logicalId() + ".Properties.Events." + name + problem);
            }));
        }
    }

    private static Optional<String> problem(EventSource event) {
        if (!TYPES.contains(event.type())) {
            return Optional.of(" has Type " + event.type() + ", which the local runtime does not run (it runs "
                    + String.join(", ", TYPES.stream().sorted().toList()) + "); change the event or add support in " + PACKAGE);
        }
        Object payloadFormat = event.properties().get("PayloadFormatVersion");
        if (event.type().equals("HttpApi") && payloadFormat != null && !payloadFormat.toString().equals("2.0")) {
            return Optional.of(".Properties.PayloadFormatVersion is " + payloadFormat + "; the local runtime serves payload format 2.0"
                    + " only; use 2.0 or add support in " + PACKAGE + ".http");
        }
        return UNSUPPORTED_SQS_PROPERTIES.stream().filter(property -> event.type().equals("SQS") && event.properties().containsKey(property))
                .findFirst().map(property -> ".Properties." + property + " is not reproduced by the local runtime's SQS poller;"
                        + " remove it or add support in " + PACKAGE + ".sqs");
    }
}
