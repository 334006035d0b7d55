// Public entry of the export source: what src/cost/sources/index.ts and the storage source import.
// Must not import platform SDKs.
export { createExportCostSource, createFileListCostSource } from "./source.js";
export { exportFile, type Dataset, type ExportFile } from "./files.js";
export { chooseRuns, DATA_FILE, isManifest, parseManifest, type BlobInfo, type LooseFiles, type Manifest, type Run, type Selection } from "./runs.js";
