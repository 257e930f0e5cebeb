package uk.callretention.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The fields of one YAML mapping in a policy file. Fields are read by name; whatever was
 * never asked for is then reported as unknown, so the reading code is the schema.
 */
final class PolicyMapping {

    /** A key that is data rather than a field name, such as a channel or team id, with its value. */
    record Entry(PolicyValue key, PolicyValue value) {
    }

    private final PolicyValue self;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Set<String> asked = new LinkedHashSet<>();

    PolicyMapping(PolicyValue self, MappingNode mapping) {
        this.self = self;
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode name)) {
                new PolicyValue(tuple.getKeyNode(), self.field(), self.problems()).problem("a field name must be a single word");
                continue;
            }
            Entry entry = new Entry(self.child(name, name.getValue()), self.child(tuple.getValueNode(), name.getValue()));
            if (entries.putIfAbsent(name.getValue(), entry) != null) {
                entry.key().problem("appears twice");
            }
        }
    }

    /** A field that may be left out; an explicit null ({@code ~} or nothing after the colon) counts as left out. */
    Optional<PolicyValue> optional(String name) {
        asked.add(name);
        return Optional.ofNullable(entries.get(name)).map(Entry::value).filter(value -> !isNull(value));
    }

    Optional<PolicyValue> required(String name) {
        Optional<PolicyValue> value = optional(name);
        if (value.isEmpty()) {
            self.problems().add(self.line(), self.child(self.node(), name).field(), "missing");
        }
        return value;
    }

    /** Every entry, for a mapping whose keys are ids rather than field names. */
    List<Entry> entries() {
        asked.addAll(entries.keySet());
        return new ArrayList<>(entries.values());
    }

    void reportUnknownFields() {
        entries.forEach((name, entry) -> {
            if (!asked.contains(name)) {
                entry.key().problem("unknown field; expected " + String.join(", ", asked));
            }
        });
    }

    private static boolean isNull(PolicyValue value) {
        return value.node().getTag().equals(Tag.NULL);
    }
}
