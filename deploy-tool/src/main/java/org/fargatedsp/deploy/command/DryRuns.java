package org.fargatedsp.deploy.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import org.fargatedsp.deploy.ExitCodes;

/** Writes a dry-run plan: one "would call" line per call, or a JSON object with --json. */
final class DryRuns {
    private DryRuns() {
    }

    static int print(ToolEnvironment env, boolean json, String command, DryRunPlan plan) {
        if (json) {
            try {
                env.out().println(DeployCommand.JSON.writeValueAsString(Map.of("command", command,
                        "result", "dry-run", "exitCode", ExitCodes.OK, "calls", plan.calls())));
            } catch (JsonProcessingException e) {
                env.err().println("cannot write the plan: " + e.getOriginalMessage());
            }
        } else {
            plan.calls().forEach(call -> env.out().println("would call " + call));
            if (plan.calls().isEmpty()) {
                env.out().println("would call nothing: there is nothing to do");
            }
        }
        env.out().flush();
        return ExitCodes.OK;
    }
}
