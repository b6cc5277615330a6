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
            // The interrupt flag (and the pending request) would make every clean-up call abort too: clear both.
            Thread.interrupted();
            takeInterrupt(ctx);
            ctx.progress().step("interrupted: cleaning up before exiting");
            return cleanedUp(ctx, state, summary[0], "error", ExitCodes.ERROR, "interrupted");
        } catch (DeployError | AwsFailure | SdkException e) {
            // An interrupt that landed inside an HTTP call surfaces as that call's failure: report the interrupt.
            boolean interrupted = Thread.interrupted() | takeInterrupt(ctx);
            String message = interrupted ? "interrupted" : e.getMessage();
            ctx.progress().step(interrupted ? "interrupted: cleaning up before exiting" : "error: " + message);
            return cleanedUp(ctx, state, summary[0], "error", ExitCodes.ERROR, message);
        }
    }

    private static boolean takeInterrupt(DeployContext ctx) {
        try {
            ctx.waiter().checkInterrupt();
            return false;
        } catch (DeployInterrupted e) {
            return true;
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
