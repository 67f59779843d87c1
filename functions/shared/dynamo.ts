/**
 * What the functions share about DynamoDB. A conditional write whose condition is false fails with
 * `ConditionalCheckFailedException` (the SDK's error `name`); every other failure is a real one.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html#API_PutItem_Errors
 */

/** The write's condition was false. Null-safe: a rejection may carry any value, `null` included. */
export const isConditionFailure = (e: unknown): boolean => (e as { name?: string } | null | undefined)?.name === "ConditionalCheckFailedException";
