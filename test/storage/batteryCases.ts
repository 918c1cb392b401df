// The table driving the format battery (formats.battery.test.ts): one row per real file with the
// values DASCore reads from it (shared/data/real/FILES.md). Add a row per file of a new format.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { isHdf5File } from "../../storage/h5/index.ts";
import type { RawAttrValue } from "../../storage/formats/types.ts";
import { PART_B } from "./batteryCasesPartB.ts";

/** Expected coordinate summary; times as ISO strings (UTC, up to 9 fractional digits). */
export interface CoordExpect {
  min: number | string;
  max: number | string;
  /** Seconds as bigint ns for time (e.g. 1000004n), plain number otherwise; null = uneven. */
  step: number | bigint | null;
  units?: string | null;
}

/** One patch of one file. */
export interface PatchExpect {
  dims: string[];
  shape: number[];
  dataDtype: string;
  coords: Record<string, CoordExpect>;
  /** First and last sample in row-major order. */
  first: number;
  last: number;
  attrs?: Record<string, RawAttrValue>;
}

/** One file of the battery. */
export interface BatteryCase {
  file: string;
  format: string;
  version: string;
  /** Number of patches the file holds. */
  patches: number;
  /** Expected values of the first patch, and of others by index where given. */
  expect: Record<number, PatchExpect>;
  /** Extra files that must sit next to this one (virtual dataset sources). */
  companions?: string[];
}

/** Real data folder (read-only). */
export const REAL = new URL("../../../shared/data/real/", import.meta.url).pathname;

/** The HDF5 files (.h5, .hdf5, .nc with the signature) directly in `dir`. */
export function hdf5Files(dir: string): string[] {
  return readdirSync(dir)
    .map((f) => join(dir, f))
    .filter((f) => /\.(h5|hdf5|nc)$/.test(f) && isHdf5File(f));
}

export const BATTERY: BatteryCase[] = [
  {
    file: "dispersion_event.h5",
    format: "DASDAE",
    version: "1",
    patches: 1,
    expect: {
      0: {
        dims: ["distance", "time"],
        shape: [101, 2500],
        dataDtype: "float32",
        coords: {
          distance: { min: 0, max: 100, step: 1, units: null },
          time: { min: "2000-01-01T00:00:00", max: "2000-01-01T00:00:01.2495", step: 500000n },
        },
        first: 0,
        last: 1.973356120288372e-6,
        attrs: { data_type: "velocity", data_category: "DAS", data_units: "m / s", id: "dispersion_data" },
      },
    },
  },
  {
    file: "example_triggered_shot.hdf5",
    format: "TERRA15",
    version: "6",
    patches: 1,
    expect: {
      0: {
        dims: ["time", "distance"],
        shape: [2080, 238],
        dataDtype: "float32",
        coords: {
          time: { min: "2023-01-27T05:54:03.636907520", max: "2023-01-27T05:54:05.715915836", step: 1000004n },
          distance: { min: 410.01447736275713, max: 797.1596213267948, step: 1.6335238141942516, units: "m" },
        },
        first: 2.3083690393832512e-5,
        last: -9.385852899868041e-5,
        attrs: { data_type: "velocity", data_units: "m / s", instrument_id: "TrebleIISystem02", gauge_length: 1.6335238141942516 },
      },
    },
  },
  {
    file: "v5_compatible.h5",
    format: "TERRA15",
    version: "5",
    patches: 1,
    companions: ["example_triggered_shot.hdf5"],
    expect: {
      0: {
        dims: ["time", "distance"],
        shape: [2080, 238],
        dataDtype: "float32",
        coords: {
          time: { min: "2023-01-27T05:54:03.636907520", max: "2023-01-27T05:54:05.715915836", step: 1000004n },
          distance: { min: 410.01447736275713, max: 797.1596213267948, step: 1.6335238141942516, units: "m" },
        },
        first: 2.3083690393832512e-5,
        last: -9.385852899868041e-5,
        attrs: { data_type: "velocity", instrument_id: "TrebleIISystem02" },
      },
    },
  },
  {
    file: "prodml_2.0.h5",
    format: "PRODML",
    version: "2.0",
    patches: 1,
    expect: {
      0: {
        dims: ["time", "distance"],
        shape: [2500, 512],
        dataDtype: "int16",
        coords: {
          time: { min: "1970-01-01T00:00:00", max: "1970-01-01T00:00:12.495", step: 5000000n },
          distance: { min: -265.4475164413452, max: 256.2589485645294, step: 1.0209519863128662, units: "m" },
        },
        first: 4056,
        last: -205,
        attrs: { data_type: "strain_rate", data_units: "Hz * nm / m ** 2 / s", gauge_length: 10, gauge_length_units: "m", pulse_width: 50, schema_version: "2.0", pulse_rate: 4000 },
      },
    },
  },
  {
    file: "prodml_fbe_1.h5",
    format: "PRODML",
    version: "2.0",
    patches: 5,
    expect: {
      0: {
        dims: ["time", "distance"],
        shape: [453, 301],
        dataDtype: "float32",
        coords: {
          time: { min: "2023-04-26T16:14:49.042", max: "2023-04-26T16:53:23.282", step: 5120000000n },
          distance: { min: 0, max: 306.28570318222046, step: 1.0209523439407349, units: "m" },
        },
        first: 346386496.0,
        last: 5054025728.0,
        attrs: { start_frequency: -0.48828125, end_frequency: 1.46484375, transform_type: "FFT", window_size: 512, pulse_rate: 10000 },
      },
      1: {
        dims: ["time", "distance"],
        shape: [453, 301],
        dataDtype: "float32",
        coords: {},
        first: 23092454.0,
        last: Number.NaN,
        attrs: { start_frequency: 0.48828125, end_frequency: 10.25390625 },
      },
      4: {
        dims: ["time", "distance"],
        shape: [453, 301],
        dataDtype: "float32",
        coords: {},
        first: 1.9281578715890646e-6,
        last: Number.NaN,
        attrs: { start_frequency: 199.70703125, end_frequency: 249.51171875 },
      },
    },
  },
  {
    file: "silixa_h5_1.hdf5",
    format: "Silixa_H5",
    version: "1",
    patches: 1,
    expect: {
      0: {
        dims: ["time", "distance"],
        shape: [100, 3840],
        dataDtype: "int16",
        coords: {
          time: { min: "2023-09-22T18:29:26.158", max: "2023-09-22T18:29:26.356", step: 2000000n },
          distance: { min: 8082.911360000001, max: 15921.780816000002, step: 2.041904, units: "m" },
        },
        first: -2003,
        last: 433,
        attrs: { instrument_id: "031A2C6F", gauge_length: 10, gauge_length_units: "m", pulse_width: 50, pulse_width_units: "ns" },
      },
    },
  },
  {
    file: "ap_sensing_1.hdf5",
    format: "APSensing",
    version: "10",
    patches: 1,
    expect: {
      0: {
        dims: ["time", "distance"],
        shape: [150, 4082],
        dataDtype: "int32",
        coords: {
          time: { min: "2023-09-24T12:46:31.739618", max: "2023-09-24T12:46:32.037618", step: 2000000n },
          distance: { min: 124.14780987876313, max: 5128.038633266008, step: 1.2261433039419862, units: "m" },
        },
        first: 0,
        last: 2027,
        attrs: { data_category: "DAS", gauge_length: 4.900571346282959, radians_to_nano_strain: 21.54, instrument_id: "18645" },
      },
    },
  },
  {
    file: "decimated_optodas.hdf5",
    format: "OptoDAS",
    version: "8",
    patches: 1,
    expect: {
      0: {
        dims: ["time", "distance"],
        shape: [5000, 51],
        dataDtype: "float32",
        coords: {
          time: { min: "2023-10-27T14:23:37.02", max: "2023-10-27T14:23:47.018", step: 2000000n },
          distance: { min: 33192.25620017715, max: 35745.50667711374, step: 51.06500953873183, units: null },
        },
        first: -7.620470654501332e-8,
        last: -6.758153858754667e-7,
        attrs: { data_category: "DAS", data_units: "ϵ / s", instrument_id: "fsic044.fsi.lan", acquisition_id: "SN044_PHASE_26_10_2023", gauge_length: 10.213001907746815 },
      },
    },
  },
  {
    file: "neubrex_das_1.h5",
    format: "NeubrexDAS",
    version: "1",
    patches: 1,
    expect: {
      0: {
        dims: ["time", "distance"],
        shape: [30, 17534],
        dataDtype: "float32",
        coords: {
          time: { min: "2023-05-22T06:25:34.6175051", max: "2023-05-22T06:25:34.6465051", step: 1000000n },
          distance: { min: 0, max: 7200.357793241739, step: 0.4106746, units: "m" },
        },
        first: 0,
        last: 0,
        attrs: { data_units: "µϵ / s", instrument_id: "S999999999999", gauge_length: 0.2053373008966446, instrument_model: "NBX-S4110", index_of_refraction: 1.4600000381469727 },
      },
    },
  },
  {
    file: "neubrex_dss_forge.h5",
    format: "NeubrexRFS",
    version: "1",
    patches: 1,
    expect: {
      0: {
        dims: ["time", "distance"],
        shape: [6, 75367],
        dataDtype: "float32",
        coords: {
          time: { min: "2023-07-15T16:52:09.112303104", max: "2023-07-20T22:12:38.208071934", step: 90245819153766n },
          distance: { min: 0.02835083, max: 12634.875, step: null, units: null },
        },
        first: 1.62451171875,
        last: -229526.078125,
        attrs: { data_units: "µϵ", api: "NA", well_id: "16B(78)-32", well_name: "Utah Forge 16B(78)-32", field_name: "Beaver" },
      },
    },
  },
];

// Issue 4 part B rows live in their own file to keep this shared list's edits tiny.
BATTERY.push(...PART_B);
