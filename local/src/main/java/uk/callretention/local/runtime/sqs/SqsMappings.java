package uk.callretention.local.runtime.sqs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import uk.callretention.local.aws.ProvisionedStack;
import uk.callretention.local.template.FunctionDefinition;
import uk.callretention.local.template.Properties;
import uk.callretention.local.template.Template;

/** The template's SQS events, as mappings onto the queues the local stack created. */
public final class SqsMappings {
    private static final String QUEUE = "AWS::SQS::Queue";

    private SqsMappings() {
    }

    public static List<SqsMapping> from(Template template, ProvisionedStack stack) {
        List<SqsMapping> mappings = new ArrayList<>();
        for (FunctionDefinition function : template.functions().values()) {
            function.events().forEach((name, event) -> {
                Properties properties = Properties.ofEvent(function.logicalId(), name, event, stack.intrinsics());
                if (event.type().equals("SQS") && !"false".equalsIgnoreCase(properties.string("Enabled").orElse("true"))) {
                    String arn = properties.requiredString("Queue");
                    String queueUrl = template.resources().values().stream()
                            .filter(resource -> resource.type().equals(QUEUE) && arn.equals(stack.queueArn(resource.logicalId())))
                            .map(resource -> stack.queueUrl(resource.logicalId()))
                            .findFirst()
                            .orElseThrow(() -> properties.problem("Queue " + arn + " is not a queue of this template; give !GetAtt <Queue>.Arn"));
                    mappings.add(new SqsMapping(function.logicalId(), name, queueUrl, arn, properties.integer("BatchSize").orElse(10),
                            Duration.ofSeconds(properties.integer("MaximumBatchingWindowInSeconds").orElse(0)),
                            properties.strings("FunctionResponseTypes").contains("ReportBatchItemFailures")));
                }
            });
        }
        return mappings;
    }
}
