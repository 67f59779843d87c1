import * as assert from "node:assert";
import { StatefulApp, StatelessApp } from "../../../components/kubernetes-workloads";
import type { KubernetesTarget, StatefulAppArgs, StatelessAppArgs } from "../../../components/kubernetes-workloads";
import { DEFAULTS, normalizeStateful, normalizeStateless } from "../../../components/kubernetes-workloads/defaults";
import { validateStatefulApp, validateStatelessApp } from "../../../components/kubernetes-workloads/validate";
import { ArgsError } from "../../../components/shared/errors";
import { build, buildFails } from "../../../components/testing";
import { assertDefaultsDocumented } from "../../harness/docs";
import { existingTarget, redisArgs, testTarget, webArgs } from "./fixtures";

interface Case {
    title: string;
    /** Which component gets the args (StatefulApp unless said). */
    kind?: "stateless";
    /** The component's name (`redis` or `web` unless said). */
    component?: string;
    /** Changes the component's base args (`redisArgs` or `webArgs`) into bad ones. */
    bad: (a: any) => void;
    /** A target other than the fixture's (its changes). */
    target?: Partial<KubernetesTarget>;
    /** Path of the issue the case is about. */
    path: string;
    /** Matched against "<message>; allowed: <allowed>". */
    message: RegExp;
}

const cases: Case[] = [
    {
        title: "refuses a claim on a StorageClass the cluster does not have, naming the classes it has",
        bad: (a) => (a.volumeClaims.data.storageClass = "gp2"),
        path: "volumeClaims.data.storageClass",
        message: /is not a StorageClass of the cluster; allowed: "gp3", "efs"/,
    },
    {
        title: "refuses an EBS-backed claim in a namespace a Fargate selector takes whole",
        bad: (a) => (a.namespace = "batch"),
        path: "volumeClaims.data.storageClass",
        message:
            /is served by ebs\.csi\.aws\.com, but the pods match the Fargate selector \{"namespace":"batch"\}, and EBS volumes cannot be attached to Fargate pods/,
    },
    {
        title: "refuses an EBS-backed claim for pods carrying every label of a Fargate selector",
        bad: (a) => (a.labels = { compute: "fargate", team: "cache" }),
        path: "volumeClaims.data.storageClass",
        message: /Fargate selector \{"namespace":"data","labels":\{"compute":"fargate"\}\}, and EBS volumes cannot be attached to Fargate pods/,
    },
    {
        title: "matches Fargate selectors with EKS's wildcards",
        bad: () => {},
        target: { fargateSelectors: [{ namespace: "d?t*" }] },
        path: "volumeClaims.data.storageClass",
        message: /Fargate selector \{"namespace":"d\?t\*"\}/,
    },
    {
        title: "matches Fargate label selectors with wildcards in keys and values",
        bad: (a) => (a.labels = { compute: "fargate" }),
        target: { fargateSelectors: [{ namespace: "data", labels: { "comp*": "farg?te" } }] },
        path: "volumeClaims.data.storageClass",
        message: /Fargate selector \{"namespace":"data","labels":\{"comp\*":"farg\?te"\}\}/,
    },
    {
        title: "refuses an EBS-backed claim on a cluster without EC2 nodes",
        bad: () => {},
        target: { hasEc2Nodes: false },
        path: "volumeClaims.data.storageClass",
        message: /the cluster has no EC2 nodes, and EBS volumes cannot be attached to Fargate pods/,
    },
    {
        title: "refuses an EFS claim for pods a Fargate selector takes (no dynamic provisioning on Fargate)",
        bad: (a) => {
            a.namespace = "batch";
            a.volumeClaims.data = { storageClass: "efs", size: "5Gi", mountPath: "/data", accessModes: ["ReadWriteMany"] };
        },
        path: "volumeClaims.data.storageClass",
        message:
            /is served by efs\.csi\.aws\.com, but the pods match the Fargate selector \{"namespace":"batch"\}, and EFS dynamic provisioning \(access points\) is not supported for Fargate pods.*allowed: .*static PersistentVolume/,
    },
    {
        title: "refuses an FSx for Lustre claim for pods a Fargate selector takes (the driver does not run on Fargate)",
        bad: (a) => {
            a.namespace = "batch";
            a.volumeClaims.data.storageClass = "fsx-lustre";
        },
        target: { storageClasses: { gp3: { provisioner: "ebs.csi.aws.com" }, "fsx-lustre": { provisioner: "fsx.csi.aws.com" } } },
        path: "volumeClaims.data.storageClass",
        message:
            /is served by fsx\.csi\.aws\.com, but the pods match the Fargate selector \{"namespace":"batch"\}, and the FSx for Lustre CSI driver is not supported on Fargate/,
    },
    {
        title: "refuses a Trident (ONTAP) claim on a cluster without EC2 nodes (its node plugin is a DaemonSet)",
        bad: (a) => (a.volumeClaims.data.storageClass = "fsx-ontap"),
        target: { storageClasses: { "fsx-ontap": { provisioner: "csi.trident.netapp.io" } }, hasEc2Nodes: false },
        path: "volumeClaims.data.storageClass",
        message:
            /is served by csi\.trident\.netapp\.io, but the cluster has no EC2 nodes, and Trident's node plugin is a DaemonSet, which Fargate does not run/,
    },
    {
        title: "refuses shared access modes on an EBS-backed class",
        bad: (a) => (a.volumeClaims.data.accessModes = ["ReadWriteMany"]),
        path: "volumeClaims.data.accessModes",
        message: /asks an EBS-backed class for shared access; allowed: "ReadWriteOnce" or "ReadWriteOncePod"/,
    },
    {
        title: "refuses a namespace the cluster did not create",
        bad: (a) => (a.namespace = "cache"),
        path: "namespace",
        message: /is not a namespace of the cluster; allowed: "default", "data", "batch"/,
    },
    {
        title: "refuses a namespace that is not an RFC 1123 label",
        bad: (a) => (a.namespace = "Data"),
        path: "namespace",
        message: /is malformed; allowed: an RFC 1123 label/,
    },
    {
        title: "refuses a component name that is no Kubernetes name when no name is given",
        component: "redis_cache",
        bad: () => {},
        path: "name",
        message: /is malformed; allowed: the StatefulSet's name .*starting with a letter \(defaults to the component's name\)/,
    },
    {
        title: "refuses a StatefulSet name longer than 52 characters (the controller-revision-hash label)",
        bad: (a) => (a.name = `r${"e".repeat(52)}`),
        path: "name",
        message: /is longer than 52 characters/,
    },
    {
        title: "refuses a Deployment name longer than 63 characters",
        kind: "stateless",
        bad: (a) => (a.name = `w${"e".repeat(63)}`),
        path: "name",
        message: /is longer than 63 characters/,
    },
    {
        title: "refuses negative replicas",
        bad: (a) => (a.replicas = -1),
        path: "replicas",
        message: /is out of range; allowed: an integer from 0 to 2147483647/,
    },
    {
        title: "refuses fractional replicas",
        bad: (a) => (a.replicas = 1.5),
        path: "replicas",
        message: /is not an integer/,
    },
    {
        title: "refuses a container port above 65535",
        bad: (a) => (a.ports.redis.containerPort = 65536),
        path: "ports.redis.containerPort",
        message: /is out of range; allowed: an integer from 1 to 65535/,
    },
    {
        title: "refuses a Service port of 0",
        kind: "stateless",
        bad: (a) => (a.ports.http.port = 0),
        path: "ports.http.port",
        message: /is out of range; allowed: an integer from 1 to 65535/,
    },
    {
        title: "refuses a port name that is not an IANA service name",
        bad: (a) => (a.ports = { "redis-primary-port": { containerPort: 6379 } }),
        path: "ports.redis-primary-port",
        message: /is not a valid port name; allowed: an IANA service name: 1 to 15/,
    },
    {
        title: "refuses two Service ports with one number and protocol",
        kind: "stateless",
        bad: (a) => (a.ports.admin = { containerPort: 9090, port: 80 }),
        path: "ports.admin.port",
        message: /repeats ports\.http\.port \(TCP\)/,
    },
    {
        title: "refuses a StatelessApp without ports (its Service needs one)",
        kind: "stateless",
        bad: (a) => {
            a.ports = {};
            a.probes = {};
        },
        path: "ports",
        message: /is empty: the Service needs a port/,
    },
    {
        title: "refuses a claim size that is not a Kubernetes quantity",
        bad: (a) => (a.volumeClaims.data.size = "10GB"),
        path: "volumeClaims.data.size",
        message: /is not a positive Kubernetes quantity/,
    },
    {
        title: "refuses a claim size of zero",
        bad: (a) => (a.volumeClaims.data.size = "0Gi"),
        path: "volumeClaims.data.size",
        message: /is not a positive Kubernetes quantity/,
    },
    {
        title: "refuses a CPU request that is not a quantity",
        bad: (a) => (a.resources = { requests: { cpu: "half" } }),
        path: "resources.requests.cpu",
        message: /is not a positive Kubernetes quantity; allowed: .*"250m"/,
    },
    {
        title: "refuses a memory limit below the memory request",
        bad: (a) => (a.resources = { requests: { memory: "1Gi" }, limits: { memory: "512Mi" } }),
        path: "resources.limits.memory",
        message: /is below the request \(1Gi\): the API server refuses the pod; allowed: at least 1Gi/,
    },
    {
        title: "refuses a probe with two handlers",
        bad: (a) => (a.probes.readiness.exec = { command: ["redis-cli", "ping"] }),
        path: "probes.readiness",
        message: /needs exactly one handler/,
    },
    {
        title: "refuses a probe on a port name the container does not have",
        bad: (a) => (a.probes.readiness.tcpSocket.port = "resp"),
        path: "probes.readiness.tcpSocket.port",
        message: /is not a port of the container; allowed: "redis"/,
    },
    {
        title: "refuses an HTTP probe path without a leading slash",
        kind: "stateless",
        bad: (a) => (a.probes.readiness.httpGet.path = "healthz"),
        path: "probes.readiness.httpGet.path",
        message: /is malformed; allowed: a path starting with "\/"/,
    },
    {
        title: "refuses a probe period of 0 seconds",
        bad: (a) => (a.probes.readiness.periodSeconds = 0),
        path: "probes.readiness.periodSeconds",
        message: /is out of range/,
    },
    {
        title: "refuses runAsUser 0 with runAsNonRoot (the kubelet would not start the container)",
        bad: (a) => (a.securityContext.runAsUser = 0),
        path: "securityContext.runAsUser",
        message: /is root while runAsNonRoot is true/,
    },
    {
        title: "refuses a label key with a bad prefix",
        bad: (a) => (a.labels = { "Example.com/team": "cache" }),
        path: "labels.Example.com/team",
        message: /is not a valid label key/,
    },
    {
        title: "refuses a label value longer than 63 characters",
        bad: (a) => (a.labels = { team: "c".repeat(64) }),
        path: "labels.team",
        message: /is not a valid label value/,
    },
    {
        title: "refuses a label that would change the pod selector",
        bad: (a) => (a.labels = { "app.kubernetes.io/name": "other" }),
        path: "labels.app.kubernetes.io/name",
        message: /is set by the component \(it selects the pods\)/,
    },
    {
        title: "refuses a node selector value with a space",
        bad: (a) => (a.nodeSelector = { "kubernetes.io/arch": "arm 64" }),
        path: "nodeSelector.kubernetes.io/arch",
        message: /is not a valid label value/,
    },
    {
        title: "refuses an environment variable name starting with a digit",
        bad: (a) => (a.env = { "1ST": "x" }),
        path: "env.1ST",
        message: /is malformed/,
    },
    {
        title: "refuses a relative emptyDir mount path",
        kind: "stateless",
        bad: (a) => (a.emptyDirs.tmp = "tmp"),
        path: "emptyDirs.tmp",
        message: /allowed: an absolute path/,
    },
    {
        title: "refuses two volumes mounted at one path",
        bad: (a) => (a.emptyDirs = { scratch: "/data" }),
        path: "volumeClaims.data.mountPath",
        message: /is also the mount path of emptyDirs\.scratch/,
    },
    {
        title: "refuses a toleration with operator Exists and a value",
        bad: (a) => (a.tolerations = [{ key: "dedicated", operator: "Exists", value: "data" }]),
        path: "tolerations[0].value",
        message: /is set with operator "Exists"/,
    },
    {
        title: "refuses a toleration without a key unless it is Exists",
        bad: (a) => (a.tolerations = [{ effect: "NoSchedule" }]),
        path: "tolerations[0].key",
        message: /is required unless operator is "Exists"/,
    },
    {
        title: "refuses a disruption budget of 0 (no node could ever be drained)",
        bad: (a) => (a.disruptionBudget = { maxUnavailable: 0 }),
        path: "disruptionBudget.maxUnavailable",
        message: /is out of range; allowed: an integer from 1/,
    },
    {
        title: "refuses an unknown argument, suggesting the nearest",
        bad: (a) => (a.replica = 3),
        path: "replica",
        message: /is not a known argument; did you mean replicas\?/,
    },
    {
        title: "refuses an empty image",
        kind: "stateless",
        bad: (a) => (a.image = ""),
        path: "image",
        message: /is empty/,
    },
    {
        title: "refuses a target without a Kubernetes provider",
        bad: (a) => (a.cluster = { ...a.cluster, provider: undefined }),
        path: "cluster.provider",
        message: /is required; allowed: a k8s\.Provider for the cluster/,
    },
    {
        title: "refuses a target whose provider is not a Kubernetes provider",
        bad: (a) => (a.cluster = { ...a.cluster, provider: new (class NotAProvider {})() }),
        path: "cluster.provider",
        message: /is not a Kubernetes provider/,
    },
    {
        title: "refuses a target whose StorageClass has no provisioner",
        bad: (a) => (a.cluster = { ...a.cluster, storageClasses: { gp3: { storageClass: {} } } }),
        path: "cluster.storageClasses.gp3.provisioner",
        message: /is required; allowed: a CSI provisioner/,
    },
    {
        title: "refuses a target whose Fargate selector labels are not strings",
        bad: (a) => (a.cluster = { ...a.cluster, fargateSelectors: [{ namespace: "batch", labels: { compute: 1 } }] }),
        path: "cluster.fargateSelectors[0].labels.compute",
        message: /is a number/,
    },
];

describe("kubernetes-workloads: validation", () => {
    let target: KubernetesTarget;
    before(async () => {
        target = await existingTarget();
    });

    for (const c of cases) {
        it(c.title, async () => {
            const cluster = c.target ? { ...target, ...c.target } : target;
            const component = c.component ?? (c.kind ? "web" : "redis");
            const args: any = c.kind ? webArgs(cluster) : redisArgs(cluster);
            c.bad(args);
            const { error, registry } = await buildFails(() =>
                c.kind ? new StatelessApp(component, args as StatelessAppArgs) : new StatefulApp(component, args as StatefulAppArgs),
            );
            assert.ok(error instanceof ArgsError, String(error));
            const hit = error.issues.find((i) => i.path === c.path);
            assert.ok(hit, `no issue at ${c.path}; got ${error.message}`);
            assert.match(`${hit.message}; allowed: ${hit.allowed ?? ""}`, c.message);
            assert.equal(registry.size, 0);
        });
    }

    it("the base arguments of the table are valid (each case fails for its own change)", async () => {
        const { registry } = await build(() => {
            const t = testTarget();
            new StatefulApp("redis", redisArgs(t));
            new StatelessApp("web", webArgs(t));
        });
        assert.equal(registry.ofType("kubernetes:apps/v1:StatefulSet").length, 1);
        assert.equal(registry.ofType("kubernetes:apps/v1:Deployment").length, 1);
    });

    it("reports every issue at once, naming component, instance, field, value and what is allowed", async () => {
        const args: any = redisArgs(target);
        args.replicas = -1;
        args.namespace = "cache";
        args.volumeClaims.data.storageClass = "gp2";
        const { error, registry } = await buildFails(() => new StatefulApp("redis", args));
        assert.ok(error instanceof ArgsError);
        assert.match(error.message, /^StatefulApp "redis": 3 invalid arguments:\n/);
        assert.match(error.message, /- replicas=-1 is out of range; allowed: an integer from 0 to 2147483647/);
        assert.match(error.message, /- volumeClaims\.data\.storageClass="gp2" is not a StorageClass of the cluster; allowed: "gp3", "efs"/);
        assert.equal(registry.size, 0);
    });

    it("accepts a StatefulSet name of exactly 52 characters", async () => {
        const name = `r${"e".repeat(51)}`;
        const { registry } = await build(() => new StatefulApp("redis", { ...redisArgs(testTarget()), name }));
        assert.equal(registry.one("kubernetes:apps/v1:StatefulSet").inputs.metadata.name, name);
    });

    it("accepts an EBS claim in a namespace whose Fargate selector needs a label the pods lack", async () => {
        const { registry } = await build(() => new StatefulApp("redis", { ...redisArgs(testTarget()), labels: { compute: "ec2" } }));
        assert.equal(registry.ofType("kubernetes:apps/v1:StatefulSet").length, 1);
    });

    it("accepts an EFS claim with ReadWriteMany for pods on EC2 nodes", async () => {
        const { registry } = await build(() => {
            const args = redisArgs(testTarget());
            return new StatefulApp("redis", {
                ...args,
                namespace: "data",
                volumeClaims: { data: { storageClass: "efs", size: "5Gi", mountPath: "/data", accessModes: ["ReadWriteMany"] } },
            });
        });
        assert.equal(registry.one("kubernetes:apps/v1:StatefulSet").inputs.spec.volumeClaimTemplates[0].spec.storageClassName, "efs");
    });

    it("gives normalized arguments the same verdict as the arguments they came from", () => {
        const paths = (issues: { path: string }[]) => issues.map((i) => i.path).sort();
        const good = redisArgs(target);
        const bad: any = { ...redisArgs(target), replicas: -1, resources: { limits: { memory: "64Mi" } } };
        for (const args of [good, bad]) {
            const { hasEc2Nodes: _, ...resolved } = normalizeStateful("redis", args);
            assert.deepEqual(paths(validateStatefulApp("redis", { ...resolved, cluster: target })), paths(validateStatefulApp("redis", args)));
        }
        assert.deepEqual(paths(validateStatefulApp("redis", bad)), ["replicas", "resources.limits.memory"]);
        const { hasEc2Nodes: _, disruptionBudget, ...web } = normalizeStateless("web", webArgs(target));
        assert.equal(disruptionBudget, undefined);
        assert.deepEqual(validateStatelessApp("web", { ...web, cluster: target }), []);
    });

    it("accepts a target carrying more than the workloads read (a StorageClass object beside its provisioner)", () => {
        const cluster: any = { ...target, source: "hand-built", storageClasses: { gp3: { provisioner: "ebs.csi.aws.com", storageClass: {} } } };
        assert.deepEqual(validateStatelessApp("web", webArgs(cluster)), []);
    });

    it("documents every default it applies", () => assertDefaultsDocumented("components/kubernetes-workloads/args.ts", DEFAULTS));
});
