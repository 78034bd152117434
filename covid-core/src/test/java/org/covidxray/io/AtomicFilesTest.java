package org.covidxray.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesContentAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("sub/report.json");
        AtomicFiles.writeString(target, "{\"a\":1}");
        assertThat(Files.readString(target)).isEqualTo("{\"a\":1}");
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void newFilesAreReadableByOthersAndReplacedFilesKeepTheirPermissions() throws IOException {
        Path target = dir.resolve("model.zip");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.write(target, new byte[] {4});
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-rw----");
    }

    @Test
    void aFailingWriterLeavesTheOldFileIntact() throws IOException {
        Path target = dir.resolve("model.zip");
        AtomicFiles.write(target, new byte[] {7, 7});
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[] {1});
            throw new IOException("disk full");
        })).hasMessageContaining("model.zip").hasMessageContaining("disk full");
        assertThat(Files.readAllBytes(target)).containsExactly(7, 7);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
