package org.covidxray.spark;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;

/**
 * Counts the Spark jobs and Spark SQL query executions of the contexts it is registered with (through
 * {@code spark.extraListeners}, since {@code covid batch} starts its own context), so tests can hold a run to
 * the number of jobs it should take.
 */
public final class SparkJobCounter extends SparkListener {
    static final AtomicInteger JOBS = new AtomicInteger();
    static final AtomicInteger SQL_EXECUTIONS = new AtomicInteger();

    static void reset() {
        JOBS.set(0);
        SQL_EXECUTIONS.set(0);
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        JOBS.incrementAndGet();
    }

    @Override
    public void onOtherEvent(SparkListenerEvent event) {
        if (event instanceof SparkListenerSQLExecutionStart) {
            SQL_EXECUTIONS.incrementAndGet();
        }
    }
}
