package uk.callretention.local.template;

import java.nio.file.Path;
import java.util.Map;

/**
 * An {@code AWS::Serverless::Function} after SAM's merge with {@code Globals.Function}.
 *
 * @param codeUri        resolved against the template's folder
 * @param rawEnvironment Environment.Variables, Globals' merged under the function's, intrinsics unresolved
 * @param events         event name to its source
 */
public record FunctionDefinition(String logicalId, Path codeUri, String handler, int timeoutSeconds, int memoryMb,
                                 Map<String, Object> rawEnvironment, Map<String, EventSource> events) {
}
