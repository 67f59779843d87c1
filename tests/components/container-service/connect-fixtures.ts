/** Service Connect fixtures: services with named ports, and the base args with `app` serving `web`. */
import type { ContainerServiceArgs, ServiceArgs } from "../../../components/container-service/args";
import { IMAGE, baseArgs } from "./fixtures";

export const GIVEN_NS = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-0a1b2c3d4e5f6a7b";

/** A private Fargate service with one container listening on `port`, the mapping named `portName`. */
export function namedPortService(port: number, portName = "http", extra: Partial<ServiceArgs> = {}): ServiceArgs {
    return { containers: { main: { image: IMAGE, portMappings: [{ containerPort: port, name: portName }] } }, ...extra };
}

/** The base args (web behind the ALB) plus `app` serving port 8080 to `web` through Service Connect. */
export function connectArgs(mutate: (a: ContainerServiceArgs) => void = () => {}): ContainerServiceArgs {
    const a = baseArgs();
    a.services!.web.serviceConnect = {};
    a.services!.app = namedPortService(8080, "http", { serviceConnect: { services: { http: {} }, allowFrom: ["web"] } });
    mutate(a);
    return a;
}
