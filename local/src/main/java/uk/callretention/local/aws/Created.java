package uk.callretention.local.aws;

import java.util.Map;

/**
 * One resource the provisioner made.
 *
 * @param ref        what {@code Ref} gives (name, URL, ARN or id, as CloudFormation does for the type)
 * @param attributes what {@code Fn::GetAtt} gives, by attribute name
 */
record Created(String logicalId, String type, String ref, Map<String, String> attributes) {
}
