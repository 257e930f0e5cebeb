package uk.callretention.local.template;

import java.util.Map;

/** One entry of a function's {@code Events}: its SAM type (SQS, Schedule, HttpApi...) and raw properties. */
public record EventSource(String type, Map<String, Object> properties) {
}
