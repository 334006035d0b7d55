// Public entry of the export source: what src/cost/sources/index.ts and the storage source import.
// Must not import platform SDKs.
export { createExportCostSource, createFileListCostSource } from "./source.js";
export { checkUnpackedSize, exportFile, filesFingerprint, mb, type ExportFile } from "./files.js";
export { chooseRuns, DATA_FILE, isManifest, parseManifest, type BlobInfo, type Manifest, type Run } from "./runs.js";
