// Bootstrap for the lesson worker thread (see experimentWorker.mjs for why tsx is registered here).
import { register } from "tsx/esm/api";

register();
await import("./lessonWorker.ts");
