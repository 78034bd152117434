package org.covidxray.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.covidxray.examples.CovidCommand;
import org.junit.jupiter.api.Test;

/** With covid-onnx on the class path, {@code covid info} lists the backend as usable. */
class CovidInfoTest {

    @Test
    void covidInfoListsTheOnnxBackend() {
        StringWriter out = new StringWriter();
        int code = CovidCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "info");
        assertThat(code).isZero();
        assertThat(out.toString()).containsPattern("onnx +usable, DJL 0\\.33\\.0 / ONNX Runtime 1\\.21\\.1, devices: cpu");
    }
}
