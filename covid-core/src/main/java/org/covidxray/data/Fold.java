package org.covidxray.data;

/**
 * One fold of a patient-grouped k-fold: the test part is fold {@code index}, the training part is all
 * other folds. No patient is in both.
 *
 * @param index the fold number, from 0
 */
public record Fold(int index, Dataset train, Dataset test) {
}
