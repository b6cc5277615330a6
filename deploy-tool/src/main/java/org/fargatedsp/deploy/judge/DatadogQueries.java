package org.fargatedsp.deploy.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The metric queries the Datadog judge sends, built on the tags the bidder attaches to every metric (cluster,
 * task_arn, task_family, task_revision, version). Datadog lower-cases tag values at intake, so the queries do too.
 */
public final class DatadogQueries {
    private DatadogQueries() {
    }

    /**
     * The boolean tag filter of a cohort: the canary by its version and task ARNs, the baseline by the service's
     * family and revision (https://docs.datadoghq.com/metrics/advanced-filtering/#boolean-filtered-queries).
     */
    public static String scope(Cohort cohort) {
        List<String> terms = new ArrayList<>();
        terms.add(tag("cluster", cohort.cluster()));
        terms.add(tag("task_family", cohort.taskFamily()));
        if (!cohort.taskArns().isEmpty()) {
            terms.add(tag("version", cohort.version()));
            terms.add("(" + String.join(" OR ", cohort.taskArns().stream().map(a -> tag("task_arn", a)).toList())
                    + ")");
        } else {
            terms.add(tag("task_revision", Integer.toString(cohort.revision())));
        }
        return String.join(" AND ", terms);
    }

    public static String requests(Cohort cohort, String outcome) {
        return "sum:dsp.bidder.requests{" + scope(cohort) + (outcome == null ? "" : " AND " + tag("outcome", outcome))
                + "}.as_count()";
    }

    public static String responses(Cohort cohort, String statusClass) {
        return "sum:dsp.bidder.http.responses{" + scope(cohort)
                + (statusClass == null ? "" : " AND " + tag("status_class", statusClass)) + "}.as_count()";
    }

    /** The client-side p99 the bidder publishes, averaged over the cohort's tasks per interval. */
    public static String p99(Cohort cohort) {
        return "avg:dsp.bidder.request.latency.percentile{" + scope(cohort) + " AND phi:0.99}";
    }

    private static String tag(String key, String value) {
        return key + ":" + value.toLowerCase(Locale.ROOT);
    }
}
