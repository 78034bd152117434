package org.covidxray.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the project's shared test data ({@code ../shared/data} beside the repository; or the folder
 * named by the system property {@code covid.shared.data} or the environment variable
 * {@code COVID_SHARED_DATA}). Tests that need it call {@link #require(String)}, which skips the test
 * with a one-line reason when the data is absent (a user's fresh clone has none).
 */
public final class SharedData {
    private static final Path ROOT = locate();

    private SharedData() {
    }

    /** The shared data folder, or {@code null} when it is not there. */
    public static Path root() {
        return ROOT;
    }

    public static boolean available() {
        return ROOT != null;
    }

    /** The sub-folder or file {@code relative} of the shared data; skips the calling test when absent. */
    public static Path require(String relative) {
        Assumptions.assumeTrue(ROOT != null,
                "skipped: shared test data not found (expected ../shared/data beside the repository, "
                        + "or set COVID_SHARED_DATA)");
        Path path = ROOT.resolve(relative);
        Assumptions.assumeTrue(Files.exists(path), "skipped: shared test data has no " + relative);
        return path;
    }

    private static Path locate() {
        String configured = System.getProperty("covid.shared.data", System.getenv("COVID_SHARED_DATA"));
        if (configured != null && !configured.isBlank()) {
            Path p = Paths.get(configured);
            return Files.isDirectory(p) ? p.toAbsolutePath().normalize() : null;
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++) {
            Path candidate = dir.resolveSibling("shared").resolve("data");
            if (dir.getParent() != null && Files.isDirectory(candidate) && Files.exists(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("covid-core"))) {
                return candidate.normalize();
            }
            dir = dir.getParent();
        }
        return null;
    }
}
