package org.fargatedsp.bidder.campaign.command;

import java.util.Map;
import org.fargatedsp.bidder.aws.AwsConfig;
import org.fargatedsp.bidder.aws.DynamoDbClients;
import org.fargatedsp.config.ConfigReader;
import org.fargatedsp.config.OptionKeys;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The options of the commands that reach a table: the table, and the region and endpoint over the standard AWS
 * environment ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL}, credentials), which a flag wins over.
 */
final class TableOptions {
    /** The flags tied to AWS keys. */
    static final OptionKeys KEYS = OptionKeys.none().option("--region", AwsConfig.REGION)
            .option("--endpoint-url", AwsConfig.ENDPOINT_URL);

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "The campaign table.")
    String table;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region, over AWS_REGION.")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "DynamoDB's endpoint, over AWS_ENDPOINT_URL (a local emulator).")
    String endpointUrl;

    /**
     * A DynamoDB client from the environment with this command's flags over it.
     *
     * @throws org.fargatedsp.config.ConfigException when a setting cannot be used
     */
    DynamoDbClient client(Map<String, String> env, CommandSpec spec) {
        ConfigReader r = new ConfigReader(KEYS.laidOver(env, spec.commandLine().getParseResult()));
        AwsConfig aws = AwsConfig.read(r);
        r.throwIfProblems();
        return DynamoDbClients.create(aws);
    }
}
