package org.fargatedsp.deploy.canary;

import java.util.function.Supplier;
import org.fargatedsp.deploy.ExitCodes;
import org.fargatedsp.deploy.aws.AwsFailure;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;

/** Runs a mutating flow and turns how it ended into a summary, cleaning up whatever it left on any failure. */
final class Outcomes {
    private Outcomes() {
    }

    /**
     * Runs {@code body}; on rejection, error or interrupt, cleans up {@code state} and reports the result.
     *
     * @param summary the summary so far, updated by {@code body} through the holder
     */
    static DeploySummary guarded(DeployContext ctx, CanaryState state, DeploySummary[] summary,
                                 Supplier<DeploySummary> body) {
        try {
            return body.get();
        } catch (CanaryRejected e) {
            ctx.progress().step("canary rejected: " + e.getMessage());
            return cleanedUp(ctx, state, summary[0], "rejected", ExitCodes.REJECTED, e.getMessage());
        } catch (DeployInterrupted | AbortedException e) {
            // The interrupt flag would make every clean-up call abort too: clear it first.
            Thread.interrupted();
            ctx.progress().step("interrupted: cleaning up before exiting");
            return cleanedUp(ctx, state, summary[0], "error", ExitCodes.ERROR, "interrupted");
        } catch (DeployError | AwsFailure | SdkException e) {
            Thread.interrupted();
            ctx.progress().step("error: " + e.getMessage());
            return cleanedUp(ctx, state, summary[0], "error", ExitCodes.ERROR, e.getMessage());
        }
    }

    private static DeploySummary cleanedUp(DeployContext ctx, CanaryState state, DeploySummary summary,
                                           String result, int exitCode, String message) {
        CanaryCleanup.Report report = new CanaryCleanup(ctx).clean(state);
        if (!report.clean()) {
            report.leftovers().forEach(l -> ctx.progress().step("LEFT BEHIND: " + l));
            return summary.leftovers(report.leftovers())
                    .outcome("error", ExitCodes.ERROR, message + "; clean-up left " + report.leftovers().size()
                            + " thing(s) behind");
        }
        return summary.outcome(result, exitCode, message);
    }
}
