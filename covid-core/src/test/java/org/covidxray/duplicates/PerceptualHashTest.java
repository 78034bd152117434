package org.covidxray.duplicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerceptualHashTest {
    @TempDir
    Path dir;

    private final FingerprintCache cache = FingerprintCache.inMemory();

    private FilmFingerprint of(Path file) {
        return cache.fingerprint(file).orElseThrow();
    }

    @Test
    void theSamePictureReEncodedAsJpeg60AndHalvedMatches() {
        BufferedImage picture = TestPictures.picture(1, 400, 480);
        FilmFingerprint original = of(TestPictures.png(picture, dir.resolve("original.png")));
        FilmFingerprint jpeg = of(TestPictures.jpeg(picture, 0.6f, dir.resolve("q60.jpg")));
        FilmFingerprint halved = of(TestPictures.jpeg(TestPictures.scaled(picture, 0.5), 0.6f, dir.resolve("half.jpg")));

        assertThat(original.distance(jpeg)).isLessThanOrEqualTo(DuplicateFinder.DEFAULT_MAX_DISTANCE / 2);
        assertThat(original.distance(halved)).isLessThanOrEqualTo(DuplicateFinder.DEFAULT_MAX_DISTANCE / 2);
    }

    @Test
    void aCentreSquareCropOfThePictureMatches() {
        // how Cohen's collection holds Hannover's films: the centre square, resized to 512 x 512
        BufferedImage picture = TestPictures.picture(2, 512, 420);
        BufferedImage square = TestPictures.scaled(picture.getSubimage(46, 0, 420, 420), 512 / 420.0);
        assertThat(of(TestPictures.png(picture, dir.resolve("hospital.png")))
                .distance(of(TestPictures.jpeg(square, 0.8f, dir.resolve("collection.jpg")))))
                .isLessThanOrEqualTo(DuplicateFinder.DEFAULT_MAX_DISTANCE);
    }

    @Test
    void twoDifferentPicturesDoNotMatch() {
        FilmFingerprint a = of(TestPictures.png(TestPictures.picture(3, 300, 300), dir.resolve("a.png")));
        FilmFingerprint b = of(TestPictures.png(TestPictures.picture(4, 300, 300), dir.resolve("b.png")));

        assertThat(a.distance(b)).isGreaterThan(3 * DuplicateFinder.DEFAULT_MAX_DISTANCE);
    }

    @Test
    void hexRoundTripsAndBadHexIsRefused() {
        FilmFingerprint f = of(TestPictures.png(TestPictures.picture(5, 64, 64), dir.resolve("c.png")));
        assertThat(FilmFingerprint.parse(f.hex())).isEqualTo(f);
        assertThatThrownBy(() -> FilmFingerprint.parse("abc")).hasMessageContaining("64 hex digits");
    }

    @Test
    void anUnreadableFileHasNoFingerprint() throws Exception {
        Path text = dir.resolve("not-an-image.png");
        java.nio.file.Files.writeString(text, "hello");
        assertThat(cache.fingerprint(text)).isEmpty();
        assertThat(cache.fingerprint(dir.resolve("missing.png"))).isEmpty();
    }

    @Test
    void aCacheFileKeepsFingerprintsAcrossInstances() {
        Path image = TestPictures.png(TestPictures.picture(6, 64, 64), dir.resolve("d.png"));
        Path file = dir.resolve("cache/fingerprints.tsv");
        FingerprintCache first = FingerprintCache.backedBy(file);
        FilmFingerprint f = first.fingerprint(image).orElseThrow();
        first.save();

        FingerprintCache second = FingerprintCache.backedBy(file);
        assertThat(second.size()).isEqualTo(1);
        assertThat(second.fingerprint(image)).contains(f);
    }
}
