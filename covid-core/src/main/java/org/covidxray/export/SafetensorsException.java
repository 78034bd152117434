package org.covidxray.export;

import org.covidxray.CovidXrayException;

/** A model that cannot be exported, or a file that is not a safetensors file this library reads. */
public class SafetensorsException extends CovidXrayException {
    private static final long serialVersionUID = 1L;

    public SafetensorsException(String message) {
        super(message);
    }

    public SafetensorsException(String message, Throwable cause) {
        super(message, cause);
    }
}
