package org.covidxray.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageListingTest {
    @TempDir
    Path dir;

    @Test
    void aFolderIsWalkedRecursivelyForImageExtensionsInSortedOrder() throws IOException {
        Files.createDirectories(dir.resolve("b/deep"));
        Files.createDirectories(dir.resolve("a"));
        for (String name : new String[] {"b/deep/x.JPEG", "a/1.png", "a/notes.txt", "b/scan.dcm", "a/.hidden.png",
                "c.bmp", "b/2.jpg"}) {
            Files.writeString(dir.resolve(name), "x");
        }
        assertThat(ImageListing.folder(dir)).extracting(BatchImage::path).containsExactly(
                dir.resolve("a/1.png").toString(), dir.resolve("b/2.jpg").toString(),
                dir.resolve("b/deep/x.JPEG").toString(), dir.resolve("b/scan.dcm").toString(),
                dir.resolve("c.bmp").toString());
        assertThatThrownBy(() -> ImageListing.folder(dir.resolve("nope"))).isInstanceOf(BatchException.class)
                .hasMessageContaining("nope").hasMessageContaining("does not exist");
    }

    @Test
    void aListResolvesRelativePathsAgainstItsFolderAndKeepsOptionalColumns() throws IOException {
        Path list = dir.resolve("lists/l.csv");
        Files.createDirectories(list.getParent());
        Files.writeString(list, "patient,path,label\nP1,img/a.png,covid\n,/abs/b.png,\n");
        assertThat(ImageListing.csv(list)).containsExactly(
                new BatchImage(dir.resolve("lists/img/a.png").toString(), "covid", "P1"),
                new BatchImage("/abs/b.png", null, null));
        Path onlyPaths = dir.resolve("p.csv");
        Files.writeString(onlyPaths, "path\nx.png\n");
        assertThat(ImageListing.csv(onlyPaths)).containsExactly(BatchImage.of(dir.resolve("x.png").toString()));
    }

    @Test
    void aListWithoutPathColumnIsRefusedNamingTheFile() throws IOException {
        Path list = dir.resolve("bad.csv");
        Files.writeString(list, "file,label\na.png,covid\n");
        assertThatThrownBy(() -> ImageListing.csv(list)).isInstanceOf(BatchException.class)
                .hasMessageContaining(list.toString()).hasMessageContaining("'path'");
        assertThatThrownBy(() -> ImageListing.csv(dir.resolve("absent.csv"))).hasMessageContaining("does not exist");
    }
}
