package org.covidxray.dl4j;

import org.covidxray.engine.Backend;
import org.covidxray.engine.Backends;
import org.covidxray.testing.BackendContractSuite;

/** The core engine contract suite against the DL4J backend. */
class Dl4jBackendContractTest extends BackendContractSuite {
    @Override
    protected Backend backend() {
        return Backends.get(Dl4jBackend.NAME);
    }
}
