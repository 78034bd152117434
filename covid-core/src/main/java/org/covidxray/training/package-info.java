/**
 * Training: settings ({@link org.covidxray.model.TrainingConfig}), progress events and history,
 * and the engine-independent {@link org.covidxray.training.TrainingLoop} that drives an engine's
 * {@link org.covidxray.engine.TrainableNetwork}. The rules applied after each epoch (keeping the best
 * epoch, checkpointing, early stopping) are small policy objects the loop calls in turn. Depends on
 * the engine SPI, never on an engine.
 */
package org.covidxray.training;
