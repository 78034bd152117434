package org.covidxray.data;

import java.util.Locale;

/**
 * How a data set was split, recorded in a model's provenance so that the same split can be made again
 * and checked: the fractions and seed of {@link PatientSplitter}, the whole data set's fingerprint and
 * each part's fingerprint and size.
 *
 * @param trainFraction share of images for training
 * @param validationFraction share for validation
 * @param testFraction share held out for testing
 * @param seed the splitter's seed
 * @param dataFingerprint {@link Dataset#fingerprint()} of the data before the split
 * @param trainFingerprint fingerprint of the training part
 * @param validationFingerprint fingerprint of the validation part
 * @param testFingerprint fingerprint of the test part
 * @param trainImages images in the training part
 * @param validationImages images in the validation part
 * @param testImages images in the test part
 */
public record SplitDescription(double trainFraction, double validationFraction, double testFraction, long seed,
                               String dataFingerprint, String trainFingerprint, String validationFingerprint,
                               String testFingerprint, int trainImages, int validationImages, int testImages) {

    /** The splitter these fractions and seed describe. */
    public PatientSplitter splitter() {
        return new PatientSplitter(trainFraction, validationFraction, testFraction, seed);
    }

    /** The fingerprint of one part: {@code train}, {@code validation} or {@code test}. */
    public String fingerprint(String part) {
        return switch (part) {
            case "train" -> trainFingerprint;
            case "validation" -> validationFingerprint;
            case "test" -> testFingerprint;
            default -> throw new IllegalArgumentException("part must be train, validation or test, not '" + part + "'");
        };
    }

    /**
     * Splits {@code data} again as recorded and returns the part, or throws when the data differs from
     * what was split then (the message names both fingerprints).
     *
     * @param data the data to split, loaded as it was for training
     * @param part {@code train}, {@code validation} or {@code test}
     * @param where what recorded the split (e.g. the model file), for the message
     */
    public Dataset part(Dataset data, String part, Object where) {
        String wanted = fingerprint(part);
        Dataset chosen = switch (part) {
            case "train" -> splitter().split(data).train();
            case "validation" -> splitter().split(data).validation();
            default -> splitter().split(data).test();
        };
        if (!chosen.fingerprint().equals(wanted)) {
            throw new DatasetException(String.format(Locale.ROOT, "The %s part of this data (%s, %d images) is not "
                    + "the %s part recorded in %s (%s, %d images); the whole data is %s, it was %s. Load the data "
                    + "exactly as for training (same sources, classes, views and --cap).", part, chosen.fingerprint(),
                    chosen.size(), part, where, wanted, size(part), data.fingerprint(), dataFingerprint));
        }
        return chosen;
    }

    private int size(String part) {
        return switch (part) {
            case "train" -> trainImages;
            case "validation" -> validationImages;
            default -> testImages;
        };
    }

    /** "patient-disjoint, stratified, seed 42: train 70% (3917 images), ...", for people. */
    public String describe() {
        return String.format(Locale.ROOT, "patient-disjoint, stratified, seed %d: train %d, validation %d, test %d "
                + "images (fractions %.2f/%.2f/%.2f)", seed, trainImages, validationImages, testImages, trainFraction,
                validationFraction, testFraction);
    }
}
