package org.fargatedsp.deploy.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fargatedsp.deploy.ExitCodes;
import org.fargatedsp.deploy.aws.AwsClients;
import org.fargatedsp.deploy.aws.SdkEcsOperations;
import org.fargatedsp.deploy.aws.SdkLoadBalancerOperations;
import org.fargatedsp.deploy.canary.DeployContext;
import org.fargatedsp.deploy.canary.DeploySummary;
import org.fargatedsp.deploy.canary.Progress;
import org.fargatedsp.deploy.canary.Waiter;
import org.fargatedsp.deploy.config.Config;
import org.fargatedsp.config.ConfigException;
import org.fargatedsp.deploy.config.ConfigSources;
import org.fargatedsp.deploy.judge.CloudWatchMetricsSource;
import org.fargatedsp.deploy.judge.DatadogMetricsSource;
import org.fargatedsp.deploy.judge.MetricsSource;
import org.fargatedsp.deploy.judge.MetricsSourceKind;
import picocli.CommandLine.Mixin;

/** The shared frame of every command: configuration, AWS clients, progress, and the summary at the end. */
abstract class DeployCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    CommonOptions options;

    final ToolEnvironment env;

    DeployCommand(ToolEnvironment env) {
        this.env = env;
    }

    /** Runs the command with validated configuration; returns the exit code. */
    abstract int run(Config config);

    @Override
    public final Integer call() {
        Config config;
        try {
            Path file = options.configFile;
            if (file == null && env.variables().get("DEPLOY_CONFIG") != null) {
                file = Path.of(env.variables().get("DEPLOY_CONFIG"));
            }
            config = Config.fromEnv(ConfigSources.merge(file, env.variables(), options.flags()));
        } catch (ConfigException e) {
            return usage(e);
        }
        try {
            return run(config);
        } catch (ConfigException e) {
            return usage(e);
        }
    }

    private int usage(ConfigException e) {
        e.problems().forEach(p -> env.err().println("configuration error: " + p));
        return ExitCodes.USAGE;
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
            try {
                env.out().println(JSON.writeValueAsString(full));
            } catch (JsonProcessingException e) {
                env.err().println("cannot write the summary: " + e.getOriginalMessage());
            }
        } else {
            env.out().println(full.result() + ": " + full.message());
            full.leftovers().forEach(l -> env.out().println("  left behind: " + l));
        }
        env.out().flush();
        return full.exitCode();
    }
}
