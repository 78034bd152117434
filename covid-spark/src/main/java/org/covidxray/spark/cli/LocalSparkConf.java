package org.covidxray.spark.cli;

import org.apache.spark.SparkConf;

/**
 * Settings of a {@code covid batch} run in local mode, one short-lived JVM that is driver and executor at
 * once: what a cluster needs but such a run does not costs start-up time before the first task (measured in
 * docs/benchmarks.md), so it is off unless the user sets it ({@code -Dspark.x=y} in
 * {@code COVID_SPARK_JAVA_OPTS} wins over every value here).
 */
final class LocalSparkConf {
    private LocalSparkConf() {
    }

    static void configure(SparkConf conf) {
        // nothing to reach over the network, so nothing listens beyond the loopback address
        conf.setIfMissing("spark.driver.host", "127.0.0.1");
        conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        // the web UI would cost half a second of start-up and a port
        conf.setIfMissing("spark.ui.enabled", "false");
        // a local run's output is gathered in one job with no shuffle (SparkBatch.write): adaptive query
        // execution has nothing to re-plan, and its extra stages for a count or a sort cost a job each
        conf.setIfMissing("spark.sql.adaptive.enabled", "false");
    }
}
