package uk.callretention.local.template;

import java.util.List;

/** A template parameter: its default (null when none) and allowed values (empty when any). */
public record Parameter(String name, String defaultValue, List<String> allowedValues) {
}
