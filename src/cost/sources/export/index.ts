// Public entry of the export source: what src/cost/sources/index.ts and the storage source import.
// Must not import platform SDKs.
export { createExportCostSource, createFileListCostSource } from "./source.js";
export { exportFile, type Dataset, type ExportFile } from "./files.js";
