package org.fargatedsp.deploy.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fargatedsp.deploy.ExitCodes;
import org.fargatedsp.deploy.Json;
import org.fargatedsp.deploy.aws.AwsClients;
import org.fargatedsp.deploy.aws.SdkEcsOperations;
import org.fargatedsp.deploy.aws.SdkLoadBalancerOperations;
import org.fargatedsp.deploy.canary.DeployContext;
import org.fargatedsp.deploy.canary.DeploySummary;
import org.fargatedsp.deploy.canary.Progress;
import org.fargatedsp.deploy.canary.Waiter;
import org.fargatedsp.deploy.config.Config;
import org.fargatedsp.deploy.config.ConfigSources;
import org.fargatedsp.deploy.judge.CloudWatchMetricsSource;
import org.fargatedsp.deploy.judge.DatadogMetricsSource;
import org.fargatedsp.deploy.judge.MetricsSource;
import org.fargatedsp.deploy.judge.MetricsSourceKind;
import picocli.CommandLine.Mixin;

/**
 * The shared frame of every command: configuration, AWS clients, progress, and what it writes at the end (a
 * summary, a dry-run plan). What escapes {@link #run} goes to {@link CommandErrors}, which picks the exit code.
 */
abstract class DeployCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    final ToolEnvironment env;

    DeployCommand(ToolEnvironment env) {
        this.env = env;
    }

    /** Runs the command with validated configuration; returns the exit code, or throws for CommandErrors. */
    abstract int run(Config config);

    @Override
    public final Integer call() {
        Path file = options.configFile;
        if (file == null && env.variables().get("DEPLOY_CONFIG") != null) {
            file = Path.of(env.variables().get("DEPLOY_CONFIG"));
        }
        return run(Config.fromEnv(ConfigSources.merge(file, env.variables(), options.flags())));
    }

    AwsClients clients(Config config) {
        return AwsClients.create(config.aws(), env.credentials());
    }

    DeployContext context(Config config, AwsClients clients) {
        Waiter waiter = new Waiter(env.clock(), env.sleeper(), config.timeouts().pollInterval(),
                config.timeouts().maxPollInterval(), env.interrupts()::takeRequest);
        return new DeployContext(config, new SdkEcsOperations(clients.ecs()),
                new SdkLoadBalancerOperations(clients.elb()), waiter, new Progress(env.err(), env.clock()));
    }

    MetricsSource metrics(Config config, AwsClients clients, DeployContext ctx) {
        return config.metricsSource() == MetricsSourceKind.CLOUDWATCH
                ? new CloudWatchMetricsSource(clients.cloudWatch())
                : new DatadogMetricsSource(config.datadog(), env.http(), ctx.waiter());
    }

    /** Writes the summary: JSON with --json, otherwise one sentence; returns its exit code. */
    int report(DeploySummary summary, DeployContext ctx) {
        DeploySummary full = summary.steps(ctx.progress().steps());
        if (options.json) {
            printJson(env, full);
        } else {
            env.out().println(full.result() + ": " + full.message());
            full.leftovers().forEach(l -> env.out().println("  left behind: " + l));
            env.out().flush();
        }
        return full.exitCode();
    }

    /** Writes a dry run's plan: one "would call" line per call, or a JSON object with --json; exit code 0. */
    int plan(DryRunPlan plan) {
        if (options.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("command", plan.command());
            json.put("result", "dry-run");
            json.put("exitCode", ExitCodes.OK);
            json.put("calls", plan.calls());
            printJson(env, json);
        } else {
            plan.calls().forEach(call -> env.out().println("would call " + call));
            if (plan.calls().isEmpty()) {
                env.out().println("would call nothing: there is nothing to do");
            }
            env.out().flush();
        }
        return ExitCodes.OK;
    }

    /** Writes one JSON document to stdout, the result Jenkins reads. */
    static void printJson(ToolEnvironment env, Object value) {
        try {
            env.out().println(Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            env.err().println("cannot write the result as JSON: " + e.getOriginalMessage());
        }
        env.out().flush();
    }
}
