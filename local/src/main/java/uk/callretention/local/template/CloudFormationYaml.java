package uk.callretention.local.template;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation YAML into plain maps and lists, turning each short-form tag ({@code !Sub x}) into
 * the long form ({@code {"Fn::Sub": x}}), so intrinsics are resolved by one code path whichever form
 * the template uses.
 */
final class CloudFormationYaml {
    private CloudFormationYaml() {
    }

    static Object parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new ShortFormConstructor(options)).load(yaml);
    }

    private static final class ShortFormConstructor extends SafeConstructor {
        ShortFormConstructor(LoaderOptions options) {
            super(options);
            // CloudFormation reads unquoted dates as strings; SnakeYAML would make java.util.Date of them.
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
            // Every tag SnakeYAML does not know falls through to here: !Ref, !Sub, !GetAtt and the other Fn:: tags.
            yamlConstructors.put(null, new ShortForm());
        }

        private final class ShortForm extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String tag = node.getTag().getValue();
                if (!tag.startsWith("!") || tag.startsWith("!!")) {
                    throw new IllegalArgumentException("unknown YAML tag " + tag + " at " + node.getStartMark());
                }
                String name = tag.substring(1);
                Object value = contents(node);
                return switch (name) {
                    case "Ref", "Condition" -> Map.of(name, value);
                    case "GetAtt" -> Map.of("Fn::GetAtt", value instanceof String dotted ? splitAtFirstDot(dotted) : value);
                    default -> Map.of("Fn::" + name, value);
                };
            }

            private Object contents(Node node) {
                if (node instanceof ScalarNode scalar) {
                    return constructScalar(scalar);
                }
                if (node instanceof SequenceNode sequence) {
                    return constructSequence(sequence);
                }
                return constructMapping((MappingNode) node);
            }
        }
    }

    private static List<String> splitAtFirstDot(String dotted) {
        int dot = dotted.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("!GetAtt " + dotted + " has no attribute: write !GetAtt LogicalId.Attribute");
        }
        return List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
    }
}
