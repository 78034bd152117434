package org.covidxray.examples.model;

/** The sentence every output that a person reads carries. */
public final class Disclaimer {
    /** One line, for terminals, JSON responses and page footers. */
    public static final String TEXT = "Research software, not a diagnostic device.";
    /** The longer form for model cards and the web page. */
    public static final String LONG = TEXT + " Its outputs must not be used to diagnose, treat or triage anyone;"
            + " they can be wrong in ways that its validation metrics do not show.";

    private Disclaimer() {
    }
}
