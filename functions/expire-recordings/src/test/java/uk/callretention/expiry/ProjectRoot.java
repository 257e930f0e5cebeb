package uk.callretention.expiry;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's top folder, found from wherever Maven runs: the nearest folder above holding template.yaml and pom.xml. */
final class ProjectRoot {

    private ProjectRoot() {
    }

    static Path find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder above " + Path.of("").toAbsolutePath() + " holds template.yaml and pom.xml");
    }
}
