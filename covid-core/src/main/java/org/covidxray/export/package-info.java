/**
 * Export of a network covid-xray built to other tools: {@link org.covidxray.export.SafetensorsExport} writes
 * a model's named parameters ({@link org.covidxray.model.NetworkParameters}, PyTorch naming) and what is
 * needed to use them (architecture, classes, preprocessing, decision rule) as a safetensors file, which
 * {@code covid-examples/src/main/python/rebuild_from_safetensors.py} turns into TorchScript and ONNX.
 * Depends on {@code model}, {@code engine} (to load a bundle) and {@code io}; nothing in core depends on it.
 */
package org.covidxray.export;
