package uk.callretention.local.aws;

import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.callretention.local.template.Resource;
import uk.callretention.local.template.Template;
import uk.callretention.local.template.UnsupportedTemplateException;
import uk.callretention.local.template.Properties;

/**
 * Creates a template's storage, queues, tables, secrets and user pools on the local server (moto), in dependency
 * order, each once: a bucket's notification is written with the bucket, after the queue it names exists.
 *
 * <p>What local does not reproduce, on purpose: encryption with KMS (SSE-KMS on buckets, tables, queues and
 * secrets: KMS keys and aliases are not created), bucket and queue policies (moto would enforce a bucket policy's
 * denies, which locally only get in the way), IAM roles and policies (every local call is allowed), log groups,
 * alarms, deletion protection and point-in-time recovery. Functions and HTTP APIs are run and served by the local
 * runtime, not created here. Nor is the deployed staff console's hosting: its CloudFront distribution, origin access
 * control and security headers, the user pool's hosted-UI domain, and the custom resource that publishes the site
 * (the local runtime serves the console itself, on its API port). So what names the distribution is not reproduced
 * either: a bucket's CorsConfiguration (moto answers every origin anyway), an HTTP API's, and an app client's
 * hosted-UI callback and logout URLs (local sign-in takes tokens from the pool directly). Each skipped type is named in
 * {@link #SKIPPED} or {@link #SKIPPED_FAMILIES}; any other type fails.
 */
public final class Provisioner {
    static final Set<String> SKIPPED = Set.of("AWS::KMS::Key", "AWS::KMS::Alias", "AWS::Logs::LogGroup", "AWS::S3::BucketPolicy",
            "AWS::SQS::QueuePolicy", "AWS::CloudWatch::Alarm", "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::Scheduler::ScheduleGroup",
            "AWS::Serverless::Function", "AWS::Serverless::HttpApi", "AWS::Cognito::UserPoolDomain", "Custom::ConsoleSite");
    static final List<String> SKIPPED_FAMILIES = List.of("AWS::ApiGatewayV2::", "AWS::CloudFront::");
    private static final Set<String> CREATED = Set.of(S3Buckets.TYPE, SqsQueues.TYPE, DynamoDbTables.TYPE, Secrets.TYPE,
            CognitoUserPools.POOL, CognitoUserPools.CLIENT);

    private final LocalAwsClients clients;
    private final Template template;
    private final ProvisionedStack stack;
    private boolean provisioned;

    /** @throws IllegalArgumentException when an override names no parameter or a parameter has no allowed value */
    public Provisioner(LocalAwsClients clients, Template template, String stackName, Map<String, String> parameterOverrides) {
        this.clients = clients;
        this.template = template;
        this.stack = new ProvisionedStack(clients, template, stackName, parameterOverrides);
    }

    /**
     * Creates the stack's resources; on any failure deletes what it had created before rethrowing, so a failed
     * run leaves nothing behind.
     *
     * @throws UnsupportedTemplateException before creating anything when a resource type is neither created nor skipped
     */
    public ProvisionedStack provision() {
        if (provisioned) {
            throw new IllegalStateException("stack " + stack.stackName() + " is already provisioned: make a new Provisioner for another stack");
        }
        provisioned = true;
        List<Resource> ordered = CreationOrder.of(template.resources()).stream().filter(r -> stack.intrinsics().includes(r.logicalId())).toList();
        ordered.forEach(Provisioner::requireKnownType);
        try {
            ordered.stream().filter(r -> CREATED.contains(r.type())).forEach(r -> stack.add(create(r)));
        } catch (RuntimeException e) {
            try {
                stack.delete();
            } catch (RuntimeException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw e;
        }
        return stack;
    }

    private Created create(Resource resource) {
        Properties properties = new Properties(stack.intrinsics(), resource.logicalId(), resource.type(), "Properties", resource.properties());
        String stackName = stack.stackName();
        String region = stack.intrinsics().pseudo().region();
        return switch (resource.type()) {
            case S3Buckets.TYPE -> S3Buckets.create(clients.s3(), properties, stackName, region);
            case SqsQueues.TYPE -> SqsQueues.create(clients.sqs(), properties, stackName);
            case DynamoDbTables.TYPE -> DynamoDbTables.create(clients.dynamoDb(), properties, stackName);
            case Secrets.TYPE -> Secrets.create(clients.secretsManager(), properties, stackName);
            case CognitoUserPools.POOL -> CognitoUserPools.createPool(clients.cognito(), properties, stackName, region);
            default -> CognitoUserPools.createClient(clients.cognito(), properties, stackName);
        };
    }

    private static void requireKnownType(Resource resource) {
        String type = resource.type();
        if (!CREATED.contains(type) && !SKIPPED.contains(type) && SKIPPED_FAMILIES.stream().noneMatch(type::startsWith)) {
            throw new UnsupportedTemplateException(resource.logicalId() + " is of type " + type + ", which the local runtime neither creates nor skips;"
                    + " it creates " + String.join(", ", CREATED.stream().sorted().toList()) + " and skips " + String.join(", ", SKIPPED.stream().sorted().toList())
                    + " and " + String.join(", ", SKIPPED_FAMILIES.stream().map(family -> family + "*").toList())
                    + "; use one of those or add support in " + Provisioner.class.getName());
        }
    }
}
