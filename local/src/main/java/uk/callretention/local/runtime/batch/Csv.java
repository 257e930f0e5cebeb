package uk.callretention.local.runtime.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** One CSV line (RFC 4180: fields with commas, quotes or line breaks are quoted, quotes doubled), as manifests and reports use. */
final class Csv {
    private Csv() {
    }

    /** @throws IllegalArgumentException when a quoted field is not closed or is followed by more than a comma */
    static List<String> parse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new IllegalArgumentException("a quoted field is not closed");
                    }
                    char c = line.charAt(i++);
                    if (c == '"' && i < line.length() && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        break;
                    } else {
                        field.append(c);
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("a quoted field is followed by " + line.charAt(i) + " rather than a comma");
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++;
        }
    }

    static String format(List<String> fields) {
        return fields.stream().map(Csv::quoted).collect(Collectors.joining(","));
    }

    private static String quoted(String field) {
        if (field == null) {
            return "";
        }
        boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0;
        return needsQuotes ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
