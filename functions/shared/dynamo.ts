/**
 * What the functions share about DynamoDB. A conditional write whose condition is false fails with
 * `ConditionalCheckFailedException`: the SDK's error `name`, or, through DAX, the error's `code` (the DAX client's
 * errors are plain `Error`s named "Error", with the DynamoDB exception in `code`: client-dax DaxClientError.js,
 * DaxServiceError.js); every other failure is a real one.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html#API_PutItem_Errors
 */

const CONDITION_FAILED = "ConditionalCheckFailedException";

/** The write's condition was false (DynamoDB or DAX). Null-safe: a rejection may carry any value, `null` included. */
export const isConditionFailure = (e: unknown): boolean => {
    const error = e as { name?: unknown; code?: unknown } | null | undefined;
    return error?.name === CONDITION_FAILED || error?.code === CONDITION_FAILED;
};
