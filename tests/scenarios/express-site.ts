/** The README's Express Mode example: one image, HTTPS, load balancing and scaling managed by ECS. */
import { ContainerService, Network } from "../../components";

export function program() {
    const net = new Network("main");
    const site = new ContainerService("site", {
        vpc: net.vpcArgs,
        expressServices: { site: { image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 80, scaling: { minCount: 1, maxCount: 4 } } },
    });
    return { url: site.expressUrls.site };
}
