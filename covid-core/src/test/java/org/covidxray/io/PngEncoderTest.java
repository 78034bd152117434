package org.covidxray.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {
    @Test
    void encodesAPngThatDecodesToTheSamePixels() throws Exception {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(2, 1, 0, 200);
        byte[] png = PngEncoder.encode(image);
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(back.getWidth()).isEqualTo(3);
        assertThat(back.getRaster().getSample(2, 1, 0)).isEqualTo(200);
        assertThat(back.getRaster().getSample(0, 0, 0)).isZero();
    }
}
