import { Issues } from "../shared/errors";

/**
 * Where a `secrets` value points. CodeBuild reads a `SECRETS_MANAGER` variable's value as
 * `<secret-id>:<json-key>:<version-stage>:<version-id>` and a `PARAMETER_STORE` variable's as a
 * parameter name (https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.env).
 */
export type SecretRef =
    | { kind: "secrets-manager" /** The secret's ARN, without the JSON key and version qualifiers. */; secretArn: string }
    | { kind: "parameter-store" /** The parameter's name, as CodeBuild takes it. */; name: string /** Its ARN when given as one. */; arn?: string };

/**
 * A Secrets Manager secret's full ARN: `…:secret:<name>-<6 random characters>`, then optionally the
 * CodeBuild qualifiers. Only the full ARN is matched by an IAM statement naming it; a partial one
 * (without the suffix) would need a `-??????` wildcard
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html).
 */
const SECRET_ARN = /^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6})(?::([^:]*)(?::([^:]*)(?::([^:]*))?)?)?$/;
/** A Parameter Store ARN: `parameter/<name>` (a name starting with `/` keeps one slash). */
const PARAMETER_ARN = /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter(\/[A-Za-z0-9_.\-/]+)$/;
/** A parameter name: letters, digits, `_.-`, in up to 15 `/` levels, at most 2048 characters (SSM PutParameter). */
const PARAMETER_NAME = /^\/?[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+){0,14}$/;

/** Where `value` points, or undefined when it is neither a Secrets Manager ARN nor a parameter name or ARN. */
export function parseSecretRef(value: string): SecretRef | undefined {
    const secret = SECRET_ARN.exec(value);
    // "If you use version-stage, don't specify version-id" (build-spec-ref, env/secrets-manager): one or the other.
    if (secret) return secret[3] && secret[4] ? undefined : { kind: "secrets-manager", secretArn: secret[1] };
    const parameter = PARAMETER_ARN.exec(value);
    // `parameter/ci/token` is the parameter "/ci/token"; `parameter/token` is "token" (a one-level name has no slash).
    if (parameter) return { kind: "parameter-store", name: parameter[1].slice(1).includes("/") ? parameter[1] : parameter[1].slice(1), arn: value };
    if (!value.startsWith("arn:") && value.length <= 2048 && PARAMETER_NAME.test(value)) return { kind: "parameter-store", name: value };
    return undefined;
}

export const SECRET_REF_ALLOWED =
    "a Secrets Manager secret's full ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>, optionally :<json-key>:<version-stage> or :<json-key>::<version-id>), " +
    "or a Parameter Store parameter's name (/ci/npm-token) or ARN";

/** Checks one `secrets` entry (name and reference); true when the reference is usable. */
export function checkSecretRef(issues: Issues, path: string, value: string): boolean {
    if (parseSecretRef(value) !== undefined) return true;
    const both = SECRET_ARN.exec(value);
    const hint =
        both?.[3] && both[4]
            ? " (it names both a version stage and a version id; CodeBuild takes one or the other)"
            : value.startsWith("arn:aws:secretsmanager:")
              ? " (a partial ARN without the 6-character suffix is not matched by IAM)"
              : "";
    return issues.add(path, value, `is not a secret reference${hint}`, SECRET_REF_ALLOWED);
}

/** Words of a variable name that say it holds a credential. */
const SECRET_WORDS = new Set([
    "SECRET",
    "SECRETS",
    "TOKEN",
    "TOKENS",
    "PASSWORD",
    "PASSWD",
    "PWD",
    "PASSPHRASE",
    "CREDENTIAL",
    "CREDENTIALS",
    "APIKEY",
    "PRIVATEKEY",
]);
/** Pairs of words that do (API_KEY, ACCESS_KEY); `KEY` alone does not (`CACHE_KEY`, `S3_KEY`). */
const SECRET_PAIRS = /(?:^|_)(?:API|ACCESS|PRIVATE|SECRET|SIGNING|ENCRYPTION|CLIENT)_KEY(?:_|$)/;

/**
 * Last words of a name that say it holds where a secret is, not the secret (`DB_SECRET_ARN`,
 * `TOKEN_ENDPOINT`, `PASSWORD_PARAMETER`): the build fetches the secret itself.
 */
const REFERENCE_WORDS = new Set(["ARN", "ID", "NAME", "URL", "URI", "ENDPOINT", "PARAMETER", "PATH", "FILE", "REGION"]);

/**
 * Whether an environment variable's name says it holds a credential (`DB_PASSWORD`, `DB_PASS`, `GITHUB_TOKEN`,
 * `STRIPE_API_KEY`, and their camelCase spellings `dbPassword`, `StripeApiKey`). Shared by the build-project
 * validation and the policy rules codebuild-2 and ecs-8.
 */
export function looksSecretName(name: string): boolean {
    // camelCase words become snake_case words: `StripeApiKey` → `Stripe_Api_Key`.
    const upper = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
    const words = upper.split(/_+/).filter((w) => w !== "");
    if (REFERENCE_WORDS.has(words[words.length - 1] ?? "")) return false;
    // `PASS` only as the last word: `DB_PASS`, `SMTP_PASS`, but not `PASS_THROUGH`.
    return words.some((w) => SECRET_WORDS.has(w)) || words[words.length - 1] === "PASS" || SECRET_PAIRS.test(upper);
}

/** Credentials recognisable by their form (AWS access keys, GitHub, GitLab, Slack, npm, Pulumi tokens, PEM private keys). */
const SECRET_VALUES: Array<[RegExp, string]> = [
    [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, "an AWS access key id"],
    [/\bgh[pousr]_[A-Za-z0-9]{30,}\b/, "a GitHub token"],
    [/\bglpat-[A-Za-z0-9_-]{20,}\b/, "a GitLab token"],
    [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, "a Slack token"],
    [/\bnpm_[A-Za-z0-9]{36}\b/, "an npm token"],
    [/\bpul-[0-9a-f]{40}\b/, "a Pulumi access token"],
    [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
];

/** What kind of credential `value` looks like, or undefined. */
export function looksSecretValue(value: string): string | undefined {
    return SECRET_VALUES.find(([pattern]) => pattern.test(value))?.[1];
}

/** An environment variable name CodeBuild and a POSIX shell accept: `CODEBUILD_` is reserved for CodeBuild. */
export function checkVariableName(issues: Issues, path: string, name: string): boolean {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
        return issues.add(path, name, "is not an environment variable name", "letters, digits and '_', not starting with a digit");
    // "Do not set any environment variable with a name that starts with CODEBUILD_. This prefix is
    // reserved for internal use." (https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html)
    if (name.toUpperCase().startsWith("CODEBUILD_")) return issues.add(path, name, "starts with CODEBUILD_, which CodeBuild reserves", "another name");
    return true;
}
