package uk.callretention.local.template;

/** What {@code Ref} and {@code Fn::GetAtt} of a resource give; supplied by whatever created the resources. */
public interface ResourceAttributes {
    /** @return the resource's Ref value, or null when it has none here (not created, or a type with no local value) */
    String ref(String logicalId);

    /** @return the attribute's value, or null when the resource has no such attribute here */
    String getAtt(String logicalId, String attribute);

    /** Which Ref and GetAtt values exist, for the message when a template asks for one that does not. */
    default String supported() {
        return "none";
    }
}
