package org.covidxray.examples.options;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's own defaults for shared options, e.g. Kermany's protocol validates on 10% where
 * {@code covid train} takes 15%. A command names a subclass in
 * {@code @Command(defaultValueProvider = ...)}; picocli asks it before the mixin's own default and
 * shows its value in the help, so that the option stays declared once in its mixin. Options the map
 * does not name keep the mixin's default.
 */
public abstract class CommandDefaults implements IDefaultValueProvider {
    private final Map<String, String> byOption;

    /** @param byOption default values keyed by any of the option's names, e.g. {@code "--val-fraction"} */
    protected CommandDefaults(Map<String, String> byOption) {
        this.byOption = Map.copyOf(byOption);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            for (String name : option.names()) {
                String value = byOption.get(name);
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }
}
