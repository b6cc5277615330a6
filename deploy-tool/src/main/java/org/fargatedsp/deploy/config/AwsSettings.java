package org.fargatedsp.deploy.config;

import java.net.URI;
import java.time.Duration;

/**
 * Region, optional endpoint overrides and retry policy for the AWS clients.
 *
 * @param ecsEndpoint null for the regional endpoint
 * @param elbEndpoint null for the regional endpoint
 * @param cloudWatchEndpoint null for the regional endpoint
 * @param maxAttempts attempts per call, first included, before the SDK gives up
 * @param retryBaseDelay base of the SDK's exponential backoff for ordinary retryable errors
 * @param throttleBaseDelay base of the SDK's exponential backoff after a throttling error
 * @param maxBackoff ceiling on any single SDK backoff
 */
public record AwsSettings(String region, URI ecsEndpoint, URI elbEndpoint, URI cloudWatchEndpoint,
                          int maxAttempts, Duration retryBaseDelay, Duration throttleBaseDelay,
                          Duration maxBackoff) {
}
