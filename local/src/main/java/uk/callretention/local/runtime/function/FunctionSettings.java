package uk.callretention.local.runtime.function;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.callretention.local.template.FunctionDefinition;
import uk.callretention.local.template.PseudoParameters;

/** What Lambda knows about a deployed function: its name in the stack, its ARN, region, Timeout and MemorySize. */
public record FunctionSettings(String logicalId, String functionName, String arn, String region, int timeoutSeconds, int memoryMb) {

    public static FunctionSettings of(FunctionDefinition function, PseudoParameters stack) {
        String name = stack.stackName() + "-" + function.logicalId();
        return new FunctionSettings(function.logicalId(), name,
                "arn:aws:lambda:" + stack.region() + ":" + stack.accountId() + ":function:" + name,
                stack.region(), function.timeoutSeconds(), function.memoryMb());
    }

    /** As {@link #environment(Map, URI)}, with S3 Control (the S3 Batch Operations jobs API) at its own endpoint, as moto has none. */
    public Map<String, String> environment(Map<String, String> fromTemplate, URI awsEndpoint, URI s3ControlEndpoint) {
        Map<String, String> environment = environment(fromTemplate, awsEndpoint);
        environment.put("AWS_ENDPOINT_URL_S3_CONTROL", s3ControlEndpoint.toString());
        return environment;
    }

    /** The template's variables plus those Lambda sets itself, pointed at the local AWS; Lambda's names win, as Lambda reserves them. */
    public Map<String, String> environment(Map<String, String> fromTemplate, URI awsEndpoint) {
        Map<String, String> environment = new LinkedHashMap<>(fromTemplate);
        environment.put("AWS_REGION", region);
        environment.put("AWS_DEFAULT_REGION", region);
        environment.put("AWS_ENDPOINT_URL", awsEndpoint.toString());
        environment.put("AWS_ACCESS_KEY_ID", "test");
        environment.put("AWS_SECRET_ACCESS_KEY", "test");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        return environment;
    }
}
