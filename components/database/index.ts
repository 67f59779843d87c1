export { Database, DatabaseResources, clusterIdentifier } from "./database";
export { DatabaseArgs, DatabaseCapacityArgs, DatabaseTransforms } from "./args";
export { DEFAULTS as DATABASE_DEFAULTS } from "./defaults";
