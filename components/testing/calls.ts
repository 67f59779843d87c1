/**
 * Answers to remote-component method calls (`pulumi.runtime.call`), such as `eks.Cluster.getKubeconfig()`.
 * A real method runs in the component's provider plugin, which the mock engine does not have; each
 * fixture returns what that plugin returns, derived from the component's recorded outputs.
 */
import type { MockContext } from "./fixtures";

/** The component a method is called on, as the mock engine recorded it. */
export interface CallTarget {
    urn: string;
    type: string;
    name: string;
    /** The outputs the component's fixture returned (its registered state). */
    outputs: Record<string, any>;
}

/**
 * A method fixture: receives the call's arguments (without `__self__`, as plain JSON) and the
 * component it is called on; returns the method's result object, as the provider would.
 */
export type CallFixture = (args: Record<string, any>, self: CallTarget, context: MockContext) => Record<string, any>;

/** Options of `eks.Cluster.getKubeconfig` (`KubeconfigOptions` in @pulumi/eks). */
export interface EksKubeconfigOptions {
    profileName?: string;
    roleArn?: string;
}

/**
 * The kubeconfig @pulumi/eks 4.3 generates (`generateKubeconfig` in nodejs/eks/cluster/cluster.ts):
 * `aws eks get-token` with the cluster's region, `--role` when a role is given and `--profile` when a
 * profile is given (the provider uses the flag, not `AWS_PROFILE`, because ambient credentials
 * override the variable).
 */
export function eksKubeconfig(cluster: { name: string; endpoint: string; region: string; certificateAuthorityData: string }, opts: EksKubeconfigOptions = {}) {
    const args = ["--region", cluster.region, "eks", "get-token", "--cluster-name", cluster.name, "--output", "json"];
    if (opts.roleArn) args.push("--role", opts.roleArn);
    if (opts.profileName) args.push("--profile", opts.profileName);
    return {
        apiVersion: "v1",
        clusters: [{ cluster: { server: cluster.endpoint, "certificate-authority-data": cluster.certificateAuthorityData }, name: "kubernetes" }],
        contexts: [{ context: { cluster: "kubernetes", user: "aws" }, name: "aws" }],
        "current-context": "aws",
        kind: "Config",
        users: [
            {
                name: "aws",
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args,
                        env: [{ name: "KUBERNETES_EXEC_INFO", value: `{"apiVersion": "client.authentication.k8s.io/v1beta1"}` }],
                    },
                },
            },
        ],
    };
}

/** Method fixtures by token (`<component type>/<method>`). */
export const CALLS: Record<string, CallFixture> = {
    // @pulumi/eks 4.3 `Cluster.getKubeconfig`: the provider returns `{ result: JSON.stringify(kubeconfig) }`
    // (nodejs/eks/cmd/provider/index.ts), built from the cluster's own name, endpoint and certificate.
    "eks:index:Cluster/getKubeconfig": (args, self, context) => {
        const cluster = self.outputs.eksCluster ?? {};
        const missing = ["name", "endpoint"].filter((k) => typeof cluster[k] !== "string");
        if (missing.length) throw new Error(`mock: ${self.urn} has no eksCluster.${missing.join("/")} output; its resource fixture must return them`);
        const region = typeof cluster.arn === "string" ? (cluster.arn.split(":")[3] ?? context.region) : context.region;
        const kubeconfig = eksKubeconfig(
            { name: cluster.name, endpoint: cluster.endpoint, region, certificateAuthorityData: cluster.certificateAuthority?.data ?? "" },
            { profileName: args.profileName, roleArn: args.roleArn },
        );
        return { result: JSON.stringify(kubeconfig) };
    },
};

/** Answers a method call from the fixtures above. An unknown method fails loudly, naming its token. */
export function mockMethodCall(token: string, args: Record<string, any>, self: CallTarget, context: MockContext): Record<string, any> {
    const fixture = CALLS[token];
    if (!fixture)
        throw new Error(
            `mock: no fixture for method ${token} (called on ${self.urn}); pass one in build(program, { fixtures: { calls: { "${token}": ... } } })`,
        );
    return fixture(args, self, context);
}
