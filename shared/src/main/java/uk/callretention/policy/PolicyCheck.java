package uk.callretention.policy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The build's check of the policy files, run by {@code shared/pom.xml} before the tests: a
 * wrong file fails the build with every problem, file and line, and a right set is indexed
 * for {@link PolicyBook#bundled}. Settings are left unset, so each setting's default is checked.
 */
public final class PolicyCheck {

    private PolicyCheck() {
    }

    /**
     * @param args the policies directory, and the index file to write
     * @throws PolicyValidationException listing every problem, which fails the build
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: PolicyCheck <policies directory> <index file to write>");
        }
        PolicyBook book = PolicyBook.load(Path.of(args[0]), Map.of());
        List<String> index = new ArrayList<>();
        index.add("# Council ids of the bundled policies, written by PolicyCheck at build time from policies/*.yaml.");
        book.councils().forEach(council -> index.add(council.id()));
        Path indexFile = Path.of(args[1]);
        Files.createDirectories(indexFile.toAbsolutePath().getParent());
        Files.write(indexFile, index, UTF_8);
    }
}
