package org.covidxray.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppearanceShiftTest {
    private static GrayImage flat(float v) {
        float[] p = new float[32 * 32];
        java.util.Arrays.fill(p, v);
        return new GrayImage(p, 32, 32);
    }

    @Test
    void presetsHaveTheDocumentedNamesAndParseBack() {
        assertThat(AppearanceShift.presets()).extracting(AppearanceShift::name).containsExactly("gamma0.6", "gamma1.6",
                "contrast0.6", "contrast1.4", "res0.5", "blur1.5", "noise0.05", "gamma1.6+contrast0.6+blur1.0");
        for (AppearanceShift s : AppearanceShift.presets()) {
            assertThat(AppearanceShift.parse(s.name())).isEqualTo(s);
        }
        assertThat(AppearanceShift.parse("gamma1.6+contrast0.6+blur1.0").changes()).containsExactly(
                new LookChange.Gamma(1.6), new LookChange.Contrast(0.6), new LookChange.Blur(1.0));
    }

    @Test
    void parsesChangeListsWithCommasOrPlus() {
        AppearanceShift s = AppearanceShift.parse("gamma=1.6, contrast=0.6");
        assertThat(s.changes()).containsExactly(new LookChange.Gamma(1.6), new LookChange.Contrast(0.6));
        assertThat(s.name()).isEqualTo("gamma1.6+contrast0.6");
        assertThat(AppearanceShift.parse("resolution=0.5+noise=0.02").changes())
                .containsExactly(new LookChange.Resolution(0.5), new LookChange.Noise(0.02));
    }

    @Test
    void errorsNameTheBadToken() {
        assertThatThrownBy(() -> AppearanceShift.parse("gamma=1.6,sharpen=2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sharpen=2'")
                .hasMessageContaining("unknown change 'sharpen'");
        assertThatThrownBy(() -> AppearanceShift.parse("gamma=abc")).hasMessageContaining("'abc' is not a number");
        assertThatThrownBy(() -> AppearanceShift.parse("gamma=1.6,,blur=1")).hasMessageContaining("token ''");
        assertThatThrownBy(() -> AppearanceShift.parse("res=2")).hasMessageContaining("'res=2'")
                .hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> AppearanceShift.parse("gamma9")).hasMessageContaining("'gamma9' is neither a preset");
        assertThatThrownBy(() -> AppearanceShift.parse(" ")).hasMessageContaining("empty look shift");
    }

    @Test
    void noiseDependsOnTheImageIdButNotOnTheCall() {
        AppearanceShift noise = AppearanceShift.parse("noise0.05");
        GrayImage img = flat(0.5f);
        float[] a = noise.apply(img, "person1_virus_1.jpeg", 128).pixels();
        float[] again = noise.apply(img, "person1_virus_1.jpeg", 128).pixels();
        float[] other = noise.apply(img, "person2_virus_1.jpeg", 128).pixels();
        assertThat(a).containsExactly(again);
        assertThat(a).isNotEqualTo(other);
        assertThat(a).isNotEqualTo(img.pixels());
    }

    @Test
    void noneAndIdentityChangesLeaveTheImage() {
        GrayImage img = flat(0.3f);
        assertThat(AppearanceShift.none().isIdentity()).isTrue();
        assertThat(AppearanceShift.none().apply(img, "x", 64)).isSameAs(img);
        assertThat(new AppearanceShift("id", List.of(new LookChange.Gamma(1)), 1).apply(img, "x", 64).pixels())
                .containsExactly(img.pixels());
    }
}
