package uk.callretention.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The build's check of the policy files, run by {@code shared/pom.xml} before the tests: a
 * wrong file fails the build with every problem, file and line, and a right set is compiled
 * into the form {@link PolicyBook#bundled} reads without a YAML parser. Settings are left
 * unset, so each setting's default is checked; the compiled book keeps the setting itself.
 */
public final class PolicyCheck {

    private PolicyCheck() {
    }

    /**
     * @param args the policies directory, and the compiled book to write (the build's {@code policies/book.bin})
     * @throws PolicyValidationException listing every problem, which fails the build
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: PolicyCheck <policies directory> <compiled book to write>");
        }
        PolicyBook book = PolicyBook.load(Path.of(args[0]), Map.of());
        Path compiled = Path.of(args[1]);
        Files.createDirectories(compiled.toAbsolutePath().getParent());
        Files.write(compiled, CompiledPolicyBook.write(book));
    }
}
