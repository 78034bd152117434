/** Tests of the DJL engine: the core contract suite, the network, training on real data, TorchScript import. */
package org.covidxray.djl;
