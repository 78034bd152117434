package org.covidxray.engine;

import org.covidxray.testing.BackendContractSuite;
import org.covidxray.testing.FakeBackend;

/** The contract suite against the pure-Java fake backend, so the suite itself is known to pass. */
class FakeBackendContractTest extends BackendContractSuite {
    @Override
    protected Backend backend() {
        return Backends.get(FakeBackend.NAME);
    }

    /** The fake computes no convolutional network, so it has no parameters to export. */
    @Override
    protected boolean exportsNetworkParameters() {
        return false;
    }
}
