/** Tests of the ONNX Runtime backend, on tiny models written by {@code src/test/python/make_tiny_onnx.py}. */
package org.covidxray.onnx;
