/**
 * Mapping templates (VTL) of the service-proxy integrations
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html).
 * Plain strings: the table name is the only value known at deployment, passed in.
 */

/** The content type every service-proxy request template is keyed by; with passthrough `NEVER`, other bodies get 415. */
export const JSON_TYPE = "application/json";

/**
 * A value written inside a JSON string of a template: `$util.escapeJavaScript` escapes quotes and
 * backslashes, but also turns `'` into `\'`, which JSON refuses (DynamoDB answers
 * SerializationException, a 400 for a valid request); the `replaceAll` turns it back, as the mapping
 * template reference prescribes for JSON
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html, `$util.escapeJavaScript`).
 */
export function jsonString(expression: string): string {
    return `$util.escapeJavaScript(${expression}).replaceAll("\\\\'","'")`;
}

/**
 * PutItem: the request body (any JSON, validated by the route's `bodySchema` if it has one) stored
 * as a string attribute `body` of a new item whose key is the request id, with the time received.
 * The key attribute is named through `ExpressionAttributeNames`: a reserved word (`key`, `name`,
 * `status`) in the condition itself is a ValidationException on every call.
 */
export function putItemTemplate(tableName: string, keyAttribute: string): string {
    return [
        "{",
        `  "TableName": ${JSON.stringify(tableName)},`,
        '  "Item": {',
        `    ${JSON.stringify(keyAttribute)}: {"S": "$context.requestId"},`,
        `    "body": {"S": "${jsonString("$input.body")}"},`,
        '    "receivedAt": {"S": "$context.requestTime"}',
        "  },",
        '  "ConditionExpression": "attribute_not_exists(#k)",',
        `  "ExpressionAttributeNames": {"#k": ${JSON.stringify(keyAttribute)}}`,
        "}",
    ].join("\n");
}

/** GetItem / DeleteItem: the item whose key attribute equals the route's path parameter `param`. */
export function keyTemplate(tableName: string, keyAttribute: string, param: string): string {
    return [
        "{",
        `  "TableName": ${JSON.stringify(tableName)},`,
        `  "Key": {${JSON.stringify(keyAttribute)}: {"S": "${jsonString(`$input.params('${param}')`)}"}}`,
        "}",
    ].join("\n");
}

/** The answer to a PutItem: the new item's key (the request id). */
export const PUT_ITEM_RESPONSE = '{"id": "$context.requestId"}';

/** Any other action's answer: DynamoDB's JSON as it came. */
export const PASSTHROUGH_RESPONSE = "$input.json('$')";

/**
 * SQS SendMessage through the query API: the body, URL-encoded, as the message
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html).
 */
export const SQS_SEND_MESSAGE = "Action=SendMessage&MessageBody=$util.urlEncode($input.body)";

/** The answer to a message accepted by SQS: the request id, nothing from the queue. */
export const SQS_RESPONSE = '{"requestId": "$context.requestId"}';

/** Error answers of the service proxies: the backend's message stays in the execution logs, not in the reply. */
export const ERROR_RESPONSES: Record<string, { selectionPattern: string; body: string }> = {
    "400": { selectionPattern: "4\\d{2}", body: '{"message": "Bad request"}' },
    "500": { selectionPattern: "5\\d{2}", body: '{"message": "Internal server error"}' },
};
