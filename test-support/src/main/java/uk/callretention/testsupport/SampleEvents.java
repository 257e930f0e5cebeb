package uk.callretention.testsupport;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's sample events ({@code events/*.json}), which a person also feeds to the local runtime. */
public final class SampleEvents {

    private SampleEvents() {
    }

    /** The file read into Lambda's event class, as Lambda's runtime reads an event for a handler taking that type. */
    public static <T> T load(String name, Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, type.getClassLoader()).fromJson(read(name));
    }

    /** The file's text, found in the nearest folder above the working directory that holds the template and {@code events/}. */
    public static String read(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path events = dir.resolve("events");
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(events)) {
                try {
                    return Files.readString(events.resolve(name));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("no folder above " + Path.of("").toAbsolutePath() + " holds template.yaml and events/");
    }
}
