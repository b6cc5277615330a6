package org.fargatedsp.deploy.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatadogQueriesTest {
    static final String ARN_A = "arn:aws:ecs:eu-west-1:123456789012:task/Prod/ABC";
    static final String ARN_B = "arn:aws:ecs:eu-west-1:123456789012:task/Prod/DEF";

    @Test
    void canaryIsFilteredByVersionAndItsOwnTasksLowerCased() {
        Cohort canary = new Cohort("canary", "Prod", "bidder", 43, "1.4.0-RC1", List.of(ARN_A, ARN_B), null, null);

        assertThat(DatadogQueries.requests(canary, "nobid")).isEqualTo("sum:dsp.bidder.requests{cluster:prod AND"
                + " task_family:bidder AND version:1.4.0-rc1 AND (task_arn:" + ARN_A.toLowerCase() + " OR task_arn:"
                + ARN_B.toLowerCase() + ") AND outcome:nobid}.as_count()");
    }

    @Test
    void baselineIsTheServiceRevision() {
        Cohort baseline = new Cohort("baseline", "prod", "bidder", 42, "1.3.0", List.of(), null, null);

        assertThat(DatadogQueries.responses(baseline, "5xx")).isEqualTo("sum:dsp.bidder.http.responses{cluster:prod"
                + " AND task_family:bidder AND task_revision:42 AND status_class:5xx}.as_count()");
        assertThat(DatadogQueries.p99(baseline)).isEqualTo("avg:dsp.bidder.request.latency.percentile{cluster:prod"
                + " AND task_family:bidder AND task_revision:42 AND phi:0.99}");
    }
}
