package org.covidxray.examples.options;

import picocli.CommandLine.Option;

/** {@code --positive}: the class whose sensitivity and specificity a report gives. */
public final class PositiveClassOption {
    @Option(names = "--positive", paramLabel = "CLASS",
            description = "Class whose sensitivity and specificity are reported (default: the model card's, else covid, "
                    + "else the second class); metrics needs it for class names with a score column.")
    private String positive;

    /** The class given, or null to let the model card and the class names decide. */
    public String positive() {
        return positive;
    }
}
