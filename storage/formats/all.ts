// The list of format modules, in detection order. To add a format, import its module and append
// it here (more specific formats before more generic ones, e.g. DASDAE before H5Simple).
//
// Writing an HDF5 format module: detect with `withProbeH5(probe, (file) => version | null)` from
// hdf5Probe.ts (the file is opened once per detection and shared); scan inside
// `withScanH5(path, probe, (file) => ...)` (hdf5Probe.ts: reuses detection's handle), read inside
// `withH5File(path, (file) => ...)` from ../h5/index.ts; fetch nodes with getDataset/getGroup
// (they throw CorruptFileError naming file and path), attributes with readAttrs/readAttr + asText/
// asNumber, samples with readSlab (bounds-checked hyperslab) or h5Helpers.readDimsSlab; build
// coordinates with rawCoords.ts. Then add a row per real file to test/storage/batteryCases*.ts.
import type { FormatModule } from "./types.ts";
import { dasdae } from "./dasdae.ts";
import { prodml } from "./prodml.ts";
import { terra15 } from "./terra15.ts";
import { dasVader } from "./dasvader.ts";
import { netcdfCf } from "./netcdf.ts";
import { febusMtxH5 } from "./febusMtx.ts";
import { febusBslH5 } from "./febusBsl.ts";
import { febusT1 } from "./febusT1.ts";
import { h5Simple } from "./h5simple.ts";
import { gdrDas } from "./gdr.ts";
import { febus } from "./febus.ts";
import { silixaH5 } from "./silixa.ts";
import { apSensing } from "./apsensing.ts";
import { optoDas } from "./optodas.ts";
import { neubrexDas, neubrexRfs } from "./neubrex.ts";
import { mseedFormat } from "./mseed/index.ts";
import { segyFormat } from "./segy/index.ts";
import { tdmsFormat } from "./tdms/index.ts";
import { sentekFormat } from "./sentek/index.ts";
import { febusG1CsvFormat } from "./febusG1Csv/index.ts";
import { sorFormat } from "./sor/index.ts";
import { sintelaFormat } from "./sintela/index.ts";

/** Every registered format module. */
export const ALL_FORMATS: FormatModule[] = [
  dasdae,
  terra15,
  prodml,
  febus,
  gdrDas,
  febusT1,
  febusBslH5,
  febusMtxH5,
  netcdfCf,
  dasVader,
  silixaH5,
  apSensing,
  optoDas,
  neubrexDas,
  neubrexRfs,
  // Non-HDF5 formats: detected from magic bytes / header plausibility in the probe's head.
  tdmsFormat,
  mseedFormat,
  segyFormat,
  // Generic layout last: it claims any HDF5 file with raw/data + time arrays.
  h5Simple,
  sentekFormat,
  febusG1CsvFormat,
  sorFormat,
  sintelaFormat,
];
