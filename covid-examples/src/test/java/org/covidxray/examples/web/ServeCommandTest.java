package org.covidxray.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.covidxray.examples.CovidCommand;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.testing.TinyModels;
import org.covidxray.examples.web.ServeCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void servesTheModelAtThePrintedUrlUntilStopped() throws Exception {
        Path model = TinyModels.train(dir);
        CommandLine cli = CovidCommand.newCommandLine(false);
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        ServeCommand serve = cli.getSubcommands().get("serve").getCommand();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread running = new Thread(() -> exit.set(cli.execute("serve", "--model", model.toString(), "--port", "0")));
        running.start();
        try {
            Matcher url = null;
            for (int i = 0; i < 600 && (url == null || !url.find()); i++) {
                Thread.sleep(50);
                url = Pattern.compile("at (http://localhost:\\d+/)").matcher(out.toString());
            }
            assertThat(out.toString()).contains(Disclaimer.TEXT);
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url.group(1) + "health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\" : \"ok\"");
        } finally {
            serve.stop();
            running.join(30_000);
        }
        assertThat(exit.get()).isZero();
    }

    @Test
    void aPortInUseIsAUserError() throws Exception {
        Path model = TinyModels.train(dir);
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            StringWriter err = new StringWriter();
            int code = CovidCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "serve",
                    "--model", model.toString(), "--port", String.valueOf(taken.getLocalPort()));
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("Could not listen").contains("--port 0");
        }
    }
}
