package uk.callretention.local.template;

import java.util.List;
import java.util.Map;

/** A resource as written in the template: properties are raw, intrinsics still unresolved. */
public record Resource(String logicalId, String type, Map<String, Object> properties, List<String> dependsOn) {
}
