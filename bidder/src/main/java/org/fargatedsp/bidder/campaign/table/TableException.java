package org.fargatedsp.bidder.campaign.table;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** A DynamoDB call on the campaign table that failed, named with the call and the table, in one line. */
public final class TableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String operation;

    public TableException(String operation, String table, SdkException cause) {
        super("DynamoDB " + operation + " on table " + table + " failed: " + reason(cause), cause);
        this.operation = operation;
    }

    /** The DynamoDB API call, such as {@code Scan}. */
    public String operation() {
        return operation;
    }

    /** Whether the table does not exist (or not yet). */
    public boolean tableMissing() {
        return getCause() instanceof software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
    }

    private static String reason(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }
}
