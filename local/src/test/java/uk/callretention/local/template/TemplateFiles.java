package uk.callretention.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a test's template text where {@link Template#load} can read it. */
public final class TemplateFiles {
    private TemplateFiles() {
    }

    public static Template load(Path folder, String yaml) {
        try {
            return Template.load(Files.writeString(folder.resolve("template.yaml"), yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
