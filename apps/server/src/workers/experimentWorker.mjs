// Bootstrap for the experiment worker thread: register tsx's TypeScript loader inside the
// worker (loaders given through execArgv are not reliably active for a worker's first module
// on Node 20), then load the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./experimentWorker.ts");
