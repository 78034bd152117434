/**
 * The optional ONNX Runtime backend ({@code onnx}): {@link org.covidxray.onnx.OnnxClassifier} serves an
 * {@code .onnx} classifier described by an {@link org.covidxray.onnx.OnnxSidecar} (softmax, logits or
 * multi-label sigmoid outputs) through the core's {@code Classifier} interface, on DJL's ONNX Runtime engine,
 * offline. Inference only. Depends on covid-core and DJL; nothing depends on it (it is found through the
 * {@code Backend} SPI). Research software, not a diagnostic device.
 */
package org.covidxray.onnx;
