package org.covidxray.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.covidxray.image.ImageTensor;
import org.covidxray.image.PreprocessingConfig;
import org.junit.jupiter.api.Test;

class TestTimeShiftsTest {
    @Test
    void horizontalShiftMovesPixelsAndFillsWithBlack() {
        var image = new ImageTensor(new float[] {1, 2, 3, 4}, 1, 2, 2);
        assertThat(TestTimeShifts.shift(image, 1, 0, -9f).data()).containsExactly(-9f, 1f, -9f, 3f);
        assertThat(TestTimeShifts.shift(image, 0, -1, -9f).data()).containsExactly(3f, 4f, -9f, -9f);
    }

    @Test
    void fiveViewsWhenEnabledOneOtherwise() {
        var image = new ImageTensor(new float[64], 1, 8, 8);
        PreprocessingConfig p = PreprocessingConfig.defaults(8);
        assertThat(TestTimeShifts.none().views(image, p)).hasSize(1);
        assertThat(new TestTimeShifts(0.25).views(image, p)).hasSize(5);
        assertThatThrownBy(() -> new TestTimeShifts(0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
