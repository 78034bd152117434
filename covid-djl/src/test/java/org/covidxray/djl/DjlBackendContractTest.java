package org.covidxray.djl;

import java.util.List;
import org.covidxray.engine.Backend;
import org.covidxray.engine.Backends;
import org.covidxray.model.Architecture;
import org.covidxray.testing.BackendContractSuite;

/** The engine-agnostic contract suite against the DJL backend. */
class DjlBackendContractTest extends BackendContractSuite {
    @Override
    protected Backend backend() {
        return Backends.get(DjlBackend.NAME);
    }

    @Override
    protected Architecture architecture() {
        return new Architecture("tiny", SIZE, 1, List.of(16, 32), false, 0.1);
    }
}
