package uk.callretention.bench.naive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import uk.callretention.policy.PolicyBook;

/**
 * The councils' policies as a sample reads them: the YAML files, bundled in the baseline's jar under
 * {@value #FOLDER}, parsed with SnakeYAML at start-up ({@link PolicyBook#load}), whatever form the functions read.
 */
public final class NaivePolicies {
    static final String FOLDER = "policies-yaml";

    private NaivePolicies() {
    }

    public static PolicyBook load(Map<String, String> settings) {
        try {
            Path location = Path.of(NaivePolicies.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                return PolicyBook.load(location.resolve(FOLDER), settings);
            }
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return PolicyBook.load(jar.getPath("/" + FOLDER), settings);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled policy files", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the baseline's own location is not a path", e);
        }
    }
}
