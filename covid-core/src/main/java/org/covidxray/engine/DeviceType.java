package org.covidxray.engine;

/** Kinds of compute device an engine can run on. */
public enum DeviceType { CPU, GPU }
