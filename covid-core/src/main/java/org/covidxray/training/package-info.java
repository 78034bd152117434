/**
 * Training: settings ({@link org.covidxray.training.TrainingConfig}), progress events and history,
 * and the engine-independent {@link org.covidxray.training.TrainingLoop} that drives an engine's
 * {@link org.covidxray.engine.TrainableNetwork}. Depends on the engine SPI, never on an engine.
 */
package org.covidxray.training;
