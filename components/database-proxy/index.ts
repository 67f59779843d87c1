export { DatabaseProxy, DatabaseProxyResources, checkDbUser, dbUserArn, proxyResourceId } from "./database-proxy";
export { DatabaseProxyArgs, DatabaseProxyOptions, DatabaseProxySecretArgs, DatabaseProxyTransforms, DatabaseProxyVpcArgs } from "./args";
export { DEFAULTS as DATABASE_PROXY_DEFAULTS } from "./defaults";
