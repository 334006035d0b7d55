// One sync of a storage export in its own process, for the fault-injection test that kills it
// (SIGKILL) mid-download: location, connection string and cache folder come from the parent. Tests only.
import { parseStorageLocation } from "../../src/cost/sources/storage/location.js";
import { createStorageCostSource } from "../../src/cost/sources/storage/source.js";

const source = createStorageCostSource({
  location: parseStorageLocation(process.env.CHILD_URL!),
  connectionString: process.env.CHILD_CONNECTION!,
  cacheDir: process.env.CHILD_CACHE!,
});
const result = await source.sync();
process.stdout.write(JSON.stringify(result.stats) + "\n");
