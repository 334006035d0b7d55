// Public entry of the export source: what src/cost/sources/index.ts imports.
// Must not import platform SDKs.
export { createExportCostSource, type ExportSourceOptions } from "./source.js";
