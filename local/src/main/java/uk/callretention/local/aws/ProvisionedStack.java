package uk.callretention.local.aws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.callretention.local.template.FunctionDefinition;
import uk.callretention.local.template.Intrinsics;
import uk.callretention.local.template.PseudoParameters;
import uk.callretention.local.template.ResourceAttributes;
import uk.callretention.local.template.Template;

/**
 * The resources a {@link Provisioner} made on the local server for one stack, answering Ref and GetAtt as
 * CloudFormation would for them. Functions answer too (Ref is the logical id, the name the local runtime
 * runs them under), as the runtime runs them itself.
 */
public final class ProvisionedStack implements ResourceAttributes {
    private static final String SUPPORTED = "Ref and Arn of AWS::S3::Bucket; Ref (URL), Arn, QueueName and QueueUrl of AWS::SQS::Queue;"
            + " Ref and Arn of AWS::DynamoDB::Table; Ref (ARN) and Id of AWS::SecretsManager::Secret; Ref, Arn, ProviderName and"
            + " ProviderURL of AWS::Cognito::UserPool; Ref, ClientId, ClientSecret and Name of AWS::Cognito::UserPoolClient;"
            + " Ref and Arn of AWS::Serverless::Function; Arn of AWS::IAM::Role";

    private final LocalAwsClients clients;
    private final Template template;
    private final String stackName;
    private final Intrinsics intrinsics;
    private final Map<String, Created> created = new LinkedHashMap<>();

    ProvisionedStack(LocalAwsClients clients, Template template, String stackName, Map<String, String> parameterOverrides) {
        this.clients = clients;
        this.template = template;
        this.stackName = stackName;
        this.intrinsics = new Intrinsics(template, PseudoParameters.local(stackName), parameterOverrides, this);
    }

    void add(Created resource) {
        created.put(resource.logicalId(), resource);
    }

    public String stackName() {
        return stackName;
    }

    /** Resolves values against this stack: its parameters, its stack name and the resources created so far. */
    public Intrinsics intrinsics() {
        return intrinsics;
    }

    @Override
    public String ref(String logicalId) {
        Created resource = created.get(logicalId);
        if (resource != null) {
            return resource.ref();
        }
        return isIncludedFunction(logicalId) ? logicalId : null;
    }

    @Override
    public String getAtt(String logicalId, String attribute) {
        Created resource = created.get(logicalId);
        if (resource != null) {
            return resource.attributes().get(attribute);
        }
        if (isIncludedFunction(logicalId) && attribute.equals("Arn")) {
            return "arn:aws:lambda:" + intrinsics.pseudo().region() + ":" + intrinsics.pseudo().accountId() + ":function:" + logicalId;
        }
        // Roles are not created locally (every local call is allowed), but a function may be told one to pass on.
        return isRole(logicalId) && attribute.equals("Arn") ? "arn:aws:iam::" + intrinsics.pseudo().accountId() + ":role/" + logicalId : null;
    }

    @Override
    public String supported() {
        return SUPPORTED;
    }

    public String bucketName(String logicalId) {
        return createdAs(logicalId, S3Buckets.TYPE).ref();
    }

    public String queueUrl(String logicalId) {
        return createdAs(logicalId, SqsQueues.TYPE).ref();
    }

    public String queueArn(String logicalId) {
        return createdAs(logicalId, SqsQueues.TYPE).attributes().get("Arn");
    }

    public String tableName(String logicalId) {
        return createdAs(logicalId, DynamoDbTables.TYPE).ref();
    }

    /** The function's Environment.Variables (Globals merged in) resolved; the runtime adds the AWS_* variables itself. */
    public Map<String, String> environmentOf(FunctionDefinition function) {
        Map<String, String> environment = new LinkedHashMap<>();
        function.rawEnvironment().forEach((name, raw) -> {
            String value = intrinsics.resolveString(raw, function.logicalId(), "Properties.Environment.Variables." + name);
            if (value != null) {
                environment.put(name, value);
            }
        });
        return Collections.unmodifiableMap(environment);
    }

    /** Logical id to what Ref gives (bucket and table names, queue URLs, secret ARNs, pool and client ids), in creation order. */
    public Map<String, String> physicalIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        created.values().forEach(resource -> ids.put(resource.logicalId(), resource.ref()));
        return Collections.unmodifiableMap(ids);
    }

    /**
     * Deletes everything this stack made, newest first, buckets emptied of every version first. Keeps going past a
     * failure so one stuck resource does not leave the rest behind, then reports every failure.
     */
    public void delete() {
        List<Created> newestFirst = new ArrayList<>(created.values());
        Collections.reverse(newestFirst);
        List<RuntimeException> failures = new ArrayList<>();
        for (Created resource : newestFirst) {
            try {
                deleteOne(resource);
                created.remove(resource.logicalId());
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            LocalAwsException failure = new LocalAwsException("could not delete all of stack " + stackName + " from the local server; still there: " + created.keySet());
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private void deleteOne(Created resource) {
        switch (resource.type()) {
            case S3Buckets.TYPE -> S3Buckets.delete(clients.s3(), resource.ref());
            case SqsQueues.TYPE -> SqsQueues.delete(clients.sqs(), resource.ref());
            case DynamoDbTables.TYPE -> DynamoDbTables.delete(clients.dynamoDb(), resource.ref());
            case Secrets.TYPE -> Secrets.delete(clients.secretsManager(), resource.ref());
            default -> CognitoUserPools.delete(clients.cognito(), resource);
        }
    }

    private boolean isRole(String logicalId) {
        return template.resources().containsKey(logicalId) && template.resources().get(logicalId).type().equals("AWS::IAM::Role")
                && intrinsics.includes(logicalId);
    }

    private boolean isIncludedFunction(String logicalId) {
        return template.functions().containsKey(logicalId) && intrinsics.includes(logicalId);
    }

    private Created createdAs(String logicalId, String type) {
        Created resource = created.get(logicalId);
        if (resource == null || !resource.type().equals(type)) {
            throw new IllegalArgumentException(logicalId + " is not a " + type + " of stack " + stackName + "; its resources are " + physicalIds().keySet());
        }
        return resource;
    }
}
