package uk.callretention.console;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A custom resource request from CloudFormation: what to do, where to answer, and the resource's properties. The
 * ResponseURL is a presigned URL, a credential: it is never logged.
 */
record CloudFormationRequest(String requestType, String responseUrl, String stackId, String requestId, String logicalResourceId,
                             String physicalResourceId, Map<String, ?> properties) {

    static final String CREATE = "Create";
    static final String UPDATE = "Update";
    static final String DELETE = "Delete";

    /** @throws IllegalArgumentException when a field CloudFormation always sends is missing, so no answer can be addressed */
    static CloudFormationRequest from(Map<String, ?> event) {
        Object properties = event.get("ResourceProperties");
        return new CloudFormationRequest(required(event, "RequestType"), required(event, "ResponseURL"), required(event, "StackId"),
                required(event, "RequestId"), required(event, "LogicalResourceId"),
                event.get("PhysicalResourceId") == null ? null : String.valueOf(event.get("PhysicalResourceId")),
                properties instanceof Map<?, ?> map ? stringKeys(map) : Map.of());
    }

    private static String required(Map<String, ?> event, String name) {
        Object value = event.get(name);
        if (value == null) {
            throw new IllegalArgumentException("not a CloudFormation custom resource request: it has no " + name);
        }
        return String.valueOf(value);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }
}
