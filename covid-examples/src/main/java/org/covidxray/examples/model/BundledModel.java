package org.covidxray.examples.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.covidxray.engine.DeviceType;
import org.covidxray.engine.Models;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelBundle;

/**
 * The model packaged inside the covid-examples jar, so that {@code covid serve} and
 * {@code covid predict} work on a fresh machine with nothing downloaded. It is read from the class path
 * resource {@value #RESOURCE}; a build without it says so clearly instead of failing later.
 */
public final class BundledModel {
    /** Class path location of the bundled model. */
    public static final String RESOURCE = "/org/covidxray/examples/model/bundled-model.zip";
    /** How messages and manifests name the bundled model's source. */
    public static final Path NAME = Path.of("bundled-model.zip");

    private BundledModel() {
    }

    /** Whether this build carries a bundled model. */
    public static boolean present() {
        return BundledModel.class.getResource(RESOURCE) != null;
    }

    /** Reads the bundled model, or throws {@link ModelUnavailableException} saying how to get one. */
    public static ModelBundle read() {
        try (InputStream in = BundledModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ModelUnavailableException("This build has no bundled model (class path resource "
                        + RESOURCE + " is missing). Pass --model FILE with a model bundle written by 'covid train'"
                        + ", or rebuild covid-examples with the bundled model (see docs/model-card.md).");
            }
            return ModelBundle.read(in, NAME);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the bundled model " + RESOURCE, e);
        }
    }

    /**
     * The bundled model's file as it is stored (zip bytes), e.g. to hand it to other JVMs; throws
     * {@link ModelUnavailableException} when this build has none.
     */
    public static byte[] bytes() {
        try (InputStream in = BundledModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ModelUnavailableException("This build has no bundled model (class path resource "
                        + RESOURCE + " is missing). Pass --model FILE with a model bundle written by 'covid train'.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the bundled model " + RESOURCE, e);
        }
    }

    /** Loads the bundled model with the backend that wrote it. */
    public static Classifier load(DeviceType device) {
        return Models.load(read(), device);
    }
}
