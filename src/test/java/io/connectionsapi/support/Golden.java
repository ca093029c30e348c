package io.connectionsapi.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources}: what a test produces must equal the file. With
 * {@code -Dgolden.update=true} the test rewrites the file instead, for a change that is meant; review its diff.
 */
public final class Golden {

    private Golden() {
    }

    public static void assertMatches(String resource, String actual) {
        Path file = Path.of("src/test/resources").resolve(resource);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(Files.exists(file)).as("golden file %s (create it with -Dgolden.update=true)", file).isTrue();
            assertThat(actual).as("%s (if the change is meant: -Dgolden.update=true, then review the diff)", file)
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
