package org.covidxray.model;

/**
 * How a training epoch draws its images.
 *
 * <p>When the sources of a data set differ in size, a model can learn the larger sources' look as the
 * class (issue 11: the COVID-19 images were adult films, most others children's). Balanced sampling gives
 * every class the same share of the epoch and, inside a class, every source the same share, so that a
 * small source (Cohen's 39 adult non-COVID films) weighs as much as a large one (Kermany's 5,000
 * children). It draws with replacement, as PyTorch's {@code WeightedRandomSampler}: the images of a small
 * source repeat within an epoch (augmentation makes the repeats differ), those of a large one are not all
 * seen every epoch.
 */
public enum Sampling {
    /** Every training image once per epoch, in a new random order. */
    SHUFFLED,
    /**
     * As many draws per epoch as there are training images, with replacement, each class equally likely
     * and, within a class, each of its sources (the {@code source} attribute) equally likely.
     */
    BALANCED_SOURCES;
}
