package org.covidxray.examples.options;

import picocli.CommandLine.Option;

/** {@code --json}: one JSON document on standard output instead of text, for programs that read it. */
public final class JsonOutputOption {
    @Option(names = "--json", description = "Print one JSON document instead of text.")
    private boolean json;

    public boolean json() {
        return json;
    }
}
