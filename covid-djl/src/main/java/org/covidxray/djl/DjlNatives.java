package org.covidxray.djl;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** What the {@code pytorch-native-*} jar on the class path says about itself, read without loading it. */
final class DjlNatives {
    private static final String PROPERTIES = "native/lib/pytorch.properties";
    private static final Properties INFO = read();

    private DjlNatives() {
    }

    /** {@code cpu}, {@code cu124}..., or {@code none} when no natives jar is on the class path. */
    static String flavor() {
        return INFO.getProperty("flavor", "none");
    }

    /** The natives' PyTorch version (e.g. {@code 2.5.1-20241113}), or {@code unknown}. */
    static String version() {
        return INFO.getProperty("version", "unknown");
    }

    /** The platform classifier of the natives jar (e.g. {@code linux-x86_64}), or {@code none}. */
    static String classifier() {
        return INFO.getProperty("classifier", "none");
    }

    private static Properties read() {
        Properties properties = new Properties();
        try (InputStream in = DjlNatives.class.getClassLoader().getResourceAsStream(PROPERTIES)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // an unreadable file means the same to us as no natives jar: flavor() reports "none"
            properties.clear();
        }
        return properties;
    }
}
