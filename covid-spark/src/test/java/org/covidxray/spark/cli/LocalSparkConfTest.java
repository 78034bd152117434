package org.covidxray.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** What a local-mode {@code covid batch} turns off, and that a value the user set wins. */
class LocalSparkConfTest {
    @Test
    void localModeBindsToLoopbackWithoutUiOrAdaptiveExecution() {
        SparkConf conf = new SparkConf(false);
        LocalSparkConf.configure(conf);
        assertThat(conf.get("spark.driver.host")).isEqualTo("127.0.0.1");
        assertThat(conf.get("spark.driver.bindAddress")).isEqualTo("127.0.0.1");
        assertThat(conf.get("spark.ui.enabled")).isEqualTo("false");
        assertThat(conf.get("spark.sql.adaptive.enabled")).isEqualTo("false");
    }

    @Test
    void whatTheUserSetIsKept() {
        SparkConf conf = new SparkConf(false).set("spark.ui.enabled", "true").set("spark.sql.adaptive.enabled", "true");
        LocalSparkConf.configure(conf);
        assertThat(conf.get("spark.ui.enabled")).isEqualTo("true");
        assertThat(conf.get("spark.sql.adaptive.enabled")).isEqualTo("true");
    }
}
