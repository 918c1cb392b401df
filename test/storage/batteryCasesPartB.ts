// Battery rows (batteryCases.ts) for the issue-4 part B readers: Febus A1/T1/G1, GDR, H5Simple,
// DASVader and netCDF-CF. Values from shared/data/real/FILES.md (DASCore's reads, or the file's).
import type { BatteryCase } from "./batteryCases.ts";

/** Rows appended to BATTERY. */
export const PART_B: BatteryCase[] = [
  {
    // dc.read's 1250 samples (the file's truth); DASCore's spool drops the first (see febus.ts).
    file: "valencia_febus_example.h5",
    format: "febus",
    version: "1",
    patches: 1,
    expect: {
      0: {
        dims: ["time", "distance"],
        shape: [1250, 100],
        dataDtype: "float32",
        coords: {
          time: { min: "2020-09-02T07:21:46.413666304", max: "2020-09-02T07:21:51.409666304", step: 4000000n },
          distance: { min: 0, max: 1663.2, step: 16.8, units: "m" },
        },
        first: 0,
        last: 30.244903564453125,
        attrs: { data_type: "strainrate", data_units: "nϵ / s", gauge_length: 30.4, group: "fa1-20050027", source: "Source1", zone: "Zone1" },
      },
    },
  },
  {
    file: "gdr_1.h5",
    format: "GDR_DAS",
    version: "1",
    patches: 1,
    expect: {
      0: {
        dims: ["time", "distance"],
        shape: [10000, 10],
        dataDtype: "float32",
        coords: {
          time: { min: "2016-03-08T17:40:30.195", max: "2016-03-08T17:40:40.194", step: 1000000n },
          distance: { min: 0, max: 9.189, step: 1.021, units: "m" },
        },
        first: 458,
        last: 125,
        attrs: { gauge_length: 10, gauge_length_units: "meters", data_category: "DAS" },
      },
    },
  },
  {
    // Synthetic values; no distance array, so the second axis is DASCore's "channel" index.
    file: "h5_simple_1.h5",
    format: "H5Simple",
    version: "1",
    patches: 1,
    expect: {
      0: {
        dims: ["time", "channel"],
        shape: [200, 100],
        dataDtype: "float32",
        coords: {
          time: { min: "2023-09-04T20:05:06.884208128", max: "2023-09-04T20:05:07.680197780", step: 3999948n },
          channel: { min: 0, max: 99, step: 1, units: null },
        },
        first: 0.2926025390625,
        last: 0.6646819114685059,
      },
    },
  },
  {
    file: "febus_dts.h5",
    format: "FEBUS_T1",
    version: "1",
    patches: 1,
    expect: {
      0: {
        dims: ["time", "distance"],
        shape: [12, 1103],
        dataDtype: "float64",
        coords: {
          time: { min: "2026-05-29T22:48:01.007000064", max: "2026-05-29T23:46:50.675997952", step: 320878999808n },
          distance: { min: 0.04865306122445645, max: 89.94786394555575, step: 0.08157823129249664, units: "m" },
        },
        first: 21.519973528784238,
        last: 17.994745786996322,
        attrs: { data_type: "temperature", data_category: "DTS", data_units: "°C", instrument_make: "FEBUS", instrument_model: "T1" },
      },
    },
  },
  {
    // Uneven time (start_times): no time step.
    file: "febusg1_C2_2026-06-03T17.18.13+0200.bsl.h5",
    format: "febus_bsl_h5",
    version: "1",
    patches: 1,
    expect: {
      0: {
        dims: ["time", "distance"],
        shape: [120, 100],
        dataDtype: "float32",
        coords: {
          time: { min: "2026-06-03T15:18:13.422442752", max: "2026-06-03T15:28:08.829897728", step: null },
          distance: { min: 50, max: 149, step: 1, units: "m" },
        },
        first: -3371.076904296875,
        last: -3385.966552734375,
        attrs: { data_type: "strain", data_category: "DSS", data_units: "µϵ", fiber_from: 50, freq_step: -3.90625, format_version: 1 },
      },
    },
  },
  {
    file: "febus-g1-spectra_C2_2026-06-03T17.28.13+0200.mtx.h5",
    format: "febus_mtx_h5",
    version: "1",
    patches: 1,
    expect: {
      0: {
        dims: ["time", "distance", "frequency"],
        shape: [68, 100, 128],
        dataDtype: "float32",
        coords: {
          time: { min: "2026-06-03T15:28:13.647423488", max: "2026-06-03T15:33:48.716813824", step: null },
          distance: { min: 50, max: 149, step: 1, units: "m" },
          frequency: { min: 10253.90625, max: 10750, step: -3.90625, units: "MHz" },
        },
        first: -0.04077863693237305,
        last: 0.9632148742675781,
        attrs: { data_type: "brillouin_spectrum", data_category: "DSS", fiber_from: 50, format_version: 1 },
      },
    },
  },
  {
    // DASCore's dev branch only; coordinates decoded from CF tie points, values are the file's
    // (synthetic: xdas wavelet_wavefronts).
    file: "xdas_netcdf.nc",
    format: "NETCDF_CF",
    version: "1.8",
    patches: 1,
    expect: {
      0: {
        dims: ["time", "distance"],
        shape: [300, 401],
        dataDtype: "float64",
        coords: {
          time: { min: "2023-01-01T00:00:00", max: "2023-01-01T00:00:05.980", step: 20000000n },
          distance: { min: 0, max: 10000, step: 25, units: null },
        },
        first: 0.04967141530112327,
        last: 0.04108802876474664,
      },
    },
  },
  {
    // DASCore fails on this file with current h5py (anonymous references); values are DASCore
    // master's read under an older stack (FILES.md), which daspool reproduces.
    file: "das_vader_1.jld2",
    format: "DASVader",
    version: "1",
    patches: 1,
    expect: {
      0: {
        dims: ["distance", "time"],
        shape: [1156, 300],
        dataDtype: "float32",
        coords: {
          distance: { min: 0, max: 1848.0000000000002, step: 1.6, units: null },
          time: { min: "2023-08-24T14:06:17.549999872", max: "2023-08-24T14:06:17.579899872", step: 100000n },
        },
        first: -9.139528265222907e-5,
        last: 0,
        attrs: { data_category: "DAS", gauge_length: 5, host_name: "fa1-19004", pipeline_tracker: "Source", pulse_rate_frequency: 10000, sampling_rate: 250000000, amplitude_power: 33, pulse_width: 5, fiber_length: 1850 },
      },
    },
  },
];
