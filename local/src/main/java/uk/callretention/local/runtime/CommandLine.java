package uk.callretention.local.runtime;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The runtime's arguments and environment variables, read into {@link RuntimeOptions}. */
public final class CommandLine {
    public static final String USAGE = """
            usage: java -jar local/target/local-runtime.jar [--template template.yaml] [--data DIR] [--parameter-overrides Name=Value ...] [--help]
              --template             the SAM template to run (default: template.yaml)
              --data                 where endpoints.json and moto's log go (default: .local/ beside the template)
              --parameter-overrides  template parameters, as sam deploy takes them
            environment: LOCAL_AWS_PORT (moto, default 4566), LOCAL_API_PORT (HTTP API, default 3000), LOCAL_AWS_PYTHON (a Python with moto)""";

    private CommandLine() {
    }

    /** @throws IllegalArgumentException saying what is wrong, for a person to read above the usage */
    public static RuntimeOptions parse(String[] args, Map<String, String> environment) {
        Path template = Path.of("template.yaml");
        Path data = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--template" -> template = Path.of(valueAfter(args, i++));
                case "--data" -> data = Path.of(valueAfter(args, i++));
                case "--parameter-overrides" -> {
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        String[] pair = args[++i].split("=", 2);
                        if (pair.length != 2) {
                            throw new IllegalArgumentException("--parameter-overrides takes Name=Value pairs, not " + args[i]);
                        }
                        overrides.put(pair[0], pair[1]);
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        RuntimeOptions options = RuntimeOptions.forTemplate(template)
                .withPorts(port(environment, "LOCAL_AWS_PORT", RuntimeOptions.AWS_PORT), port(environment, "LOCAL_API_PORT", RuntimeOptions.API_PORT))
                .withParameterOverrides(overrides);
        return data == null ? options : options.withDataFolder(data.toAbsolutePath());
    }

    private static String valueAfter(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static int port(Map<String, String> environment, String name, int otherwise) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a port number");
        }
    }
}
