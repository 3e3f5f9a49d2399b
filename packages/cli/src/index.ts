// The programmatic entry of @relnotes/cli: run the command in-process. Named exports only.

export type { Io } from './io.js';
export { processIo } from './io.js';
export { main, VERSION } from './main.js';
