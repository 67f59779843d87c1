# The image the delivery pipeline builds (stacks/delivery.ts: `docker build -f Dockerfile .`, pushed to the stack's
# `app` repository, then released to delivery.service). It reproduces the sample the stacks start with: nginx on
# port 80 (the ALB's target port), `/` for the health check, and a page at /app1/ and /app2/, since the ALB forwards
# those paths unchanged. Replace it with your application's.
#
# The base comes from ECR Public, not Docker Hub: CodeBuild's shared addresses hit Docker Hub's anonymous pull limit
# (https://docs.aws.amazon.com/codebuild/latest/userguide/troubleshooting.html: "toomanyrequests").
# nginx's master process keeps root to bind port 80; its workers run as the image's `nginx` user. A fully non-root
# image (nginx-unprivileged) listens on 8080, which would change every container port and health check of the stacks.
FROM public.ecr.aws/nginx/nginx:1.27
RUN for app in app1 app2; do \
        mkdir -p "/usr/share/nginx/html/$app" && echo "$app" > "/usr/share/nginx/html/$app/index.html"; \
    done
EXPOSE 80
