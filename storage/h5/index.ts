// The h5wasm adapter's public surface for format modules: open/close, typed node and attribute
// access, bounded hyperslab reads, and writing helpers. Format code imports only from here.
export { loadH5 } from "./module.ts";
export { guardH5, h5TimeoutMs, leaveH5TimeLimitToPool } from "./guard.ts";
export { openH5File, closeH5File, withH5File, onH5File, isHdf5File, hdf5SignatureOffset, h5OpenCount, openFileVersion } from "./file.ts";
export type { H5File, H5Group, H5Dataset } from "./file.ts";
export {
  tryGet,
  getDataset,
  getGroup,
  hasDataset,
  hasGroup,
  childNames,
  attrNames,
  readAttrs,
  readAttr,
  asText,
  asNumber,
} from "./nodes.ts";
export type { H5AttrValue } from "./nodes.ts";
export { withDeferredDirectReads, storedBase, readDirect } from "./direct.ts";
export { readSlab, readAll, readValue, datasetShape, datasetDtype, checkVirtualSources, rowMajor } from "./slab.ts";
export type { SlabRange, Slab, ReadSlabOptions } from "./slab.ts";
export { writeAttr, createDataset, dtypeOf } from "./write.ts";
export type { WritableAttr, CreateDatasetOptions } from "./write.ts";
