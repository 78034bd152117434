package org.covidxray.model;

/** How the loss weighs classes. */
public enum ClassWeighting {
    /** Every image counts the same. */
    NONE,
    /** Weight of class c = n / (k * n_c), as scikit-learn's {@code class_weight="balanced"}. */
    BALANCED
}
