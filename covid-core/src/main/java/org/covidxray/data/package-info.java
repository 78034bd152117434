/**
 * Data sets: {@link org.covidxray.data.Sample}, {@link org.covidxray.data.Dataset}, the loaders for
 * the supported layouts (class folders, Kermany, Cohen's metadata.csv, COVID-Net CSVs), patient-disjoint
 * splits, summaries and label-quality checks. Depends on nothing but the JDK, Commons CSV and SLF4J.
 */
package org.covidxray.data;
