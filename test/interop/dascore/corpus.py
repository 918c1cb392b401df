"""Writes the DASDAE interop corpus with DASCore and describes what DASCore reads back.

Usage: corpus.py OUT_DIR
Writes OUT_DIR/dascore/<case>.h5 and OUT_DIR/corpus.json:
  {"cases": {name: [patch description, ...]}, "dascore_failures": {name: error}, "not_offline": {...}}
Cases DASCore itself cannot round-trip are listed with DASCore's error, not dropped.
"""
from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import numpy as np

here = Path(__file__).parent
sys.path.insert(0, str(here))
import dascore as dc  # noqa: E402
from dascore_cases import core_cases, dtype_cases  # noqa: E402
from describe import describe_patch  # noqa: E402

warnings.filterwarnings("ignore")
OFFLINE_EXAMPLES = ["random_das", "patch_with_null", "random_patch_with_lat_lon", "random_patch_with_xyz", "wacky_dim_coords_patch", "sin_wav", "chirp", "nd_patch", "ricker_moveout", "delta_patch"]
NETWORK_EXAMPLES = ["example_event_1", "example_event_2", "deformation_rate_event_1", "forge_dss", "febus_dss_mine_tight", "febus_dss_mine_loose", "forge_dts", "dispersion_event"]


def small():
    return dc.get_example_patch("random_das", shape=(10, 200))


def processed_cases():
    p = small
    return {
        "proc_pass_filter": lambda: p().pass_filter(time=(None, 10)),
        "proc_decimate": lambda: p().decimate(time=2),
        "proc_detrend": lambda: p().detrend("time"),
        "proc_taper": lambda: p().taper(time=0.05),
        "proc_abs": lambda: p().abs(),
        "proc_dft": lambda: p().dft("time"),
        "proc_dft_real": lambda: p().dft("time", real=True),
        "proc_spectrogram": lambda: p().spectrogram("time"),
        "proc_rolling_mean": lambda: p().rolling(time=0.02).mean(),
        "proc_aggregate_mean": lambda: p().aggregate("time", method="mean"),
        "proc_aggregate_squeeze": lambda: p().aggregate("time", method="max", dim_reduce="squeeze"),
        "proc_standardize": lambda: p().standardize("time"),
        "proc_normalize": lambda: p().normalize("time"),
        "proc_envelope": lambda: p().envelope("time"),
        "proc_hilbert": lambda: p().hilbert("time"),
        "proc_whiten": lambda: p().whiten(time=(5, 50)),
        "proc_differentiate": lambda: p().differentiate("time"),
        "proc_integrate": lambda: p().integrate("time", definite=False),
        "proc_resample": lambda: p().resample(time=0.008),
        "proc_interpolate_float_time": lambda: p().interpolate(time=np.arange(0.0, 0.5, 0.003)),
        "proc_median_filter": lambda: p().median_filter(time=0.02),
        "proc_notch": lambda: p().notch_filter(time=60, q=30),
        "proc_savgol": lambda: p().savgol_filter(time=0.05, polyorder=2),
        "proc_velocity_to_strain_rate": lambda: p().update_attrs(data_type="velocity").set_units("m/s").velocity_to_strain_rate(),
        "proc_convert_units": lambda: p().set_units("m/s").convert_units("mm/s"),
        "proc_squeeze_1d": lambda: p().select(distance=(0, 0)).squeeze(),
        "proc_pad": lambda: p().pad(time=(5, 5)),
        "proc_fillna": lambda: p().fillna(0),
        "proc_flip": lambda: p().flip("time"),
        "proc_correlate": lambda: p().correlate(distance=[0], samples=True),
        "proc_dft_real_part": lambda: p().dft("time").real(),
        "proc_dft_angle": lambda: p().dft("time").angle(),
        "proc_idft": lambda: p().dft("time").idft(),
        "proc_select_time": lambda: p().select(time=(np.datetime64("2017-09-18T00:00:00.1"), np.datetime64("2017-09-18T00:00:00.5"))),
        "proc_chain": lambda: p().detrend("time").taper(time=0.05).pass_filter(time=(1, 50)).decimate(time=2),
    }


def dtype_matrix():
    p = small
    out = {}
    for dt in ["float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]:
        out[f"dtype_{dt}"] = (lambda dt=dt: p().new(data=(p().data * 100).astype(dt)))
    out.update({f"dtype_{k}": v for k, v in dtype_cases(True).items()})
    out["dtype_complex128_small"] = lambda: p().new(data=p().data + 1j * p().data)
    return out


def attr_cases():
    p = small
    return {
        f"units_{u.replace('/', '_per_').replace(' ', '')}": (lambda u=u: p().set_units(u))
        for u in ["m/s", "strain", "1/s", "rad", "Pa", "K", "dB", "µϵ"]
    } | {
        "attrs_long_tag": lambda: p().update_attrs(tag="t" * 100),
        "attrs_unicode": lambda: p().update_attrs(tag="Zürich ß", station="ÅÖ"),
        "attrs_dot_string": lambda: p().update_attrs(tag="ends.", data_type="strain_rate"),
        "attrs_category_dts": lambda: p().update_attrs(data_category="DTS", data_type="temperature"),
        "attrs_extra_numbers": lambda: p().update_attrs(gain=1.5, count=7, flag=True, big=2**40),
        "attrs_extra_tuple": lambda: p().update_attrs(pair=(1, 2)),
        "attrs_extra_nested": lambda: p().update_attrs(meta={"a": {"b": [1, 2, {"c": None}]}}),
        "attrs_history_many": lambda: p().update_attrs(history=[f"step_{i}" for i in range(50)]),
    }


def coord_cases():
    p = small
    nt = 200
    return {
        "coord_reversed_distance": lambda: p().update_coords(distance=np.arange(10)[::-1]),
        "coord_float32_distance": lambda: p().update_coords(distance=np.arange(10, dtype=np.float32) * 0.5),
        "coord_int32_distance": lambda: p().update_coords(distance=np.arange(10, dtype=np.int32)),
        "coord_negative_step_float": lambda: p().update_coords(distance=np.arange(10) * -0.25),
        "coord_time_1970": lambda: p().update_coords(time_min=np.datetime64("1970-01-01")),
        "coord_time_before_1970": lambda: p().update_coords(time_min=np.datetime64("1960-06-01T12:00:00.000001")),
        "coord_time_ns_step": lambda: p().update_coords(time_step=np.timedelta64(7, "ns")),
        "coord_time_array_uneven": lambda: p().update_coords(time=p().get_array("time") + (np.arange(nt) ** 2).astype("timedelta64[us]")),
        "coord_2d_quality": lambda: p().update_coords(quality=(("distance", "time"), np.random.RandomState(0).random((10, nt)))),
        "coord_nondim_time_like": lambda: p().update_coords(gps_time=("time", p().get_array("time"))),
        "coord_lat_lon_xyz": lambda: dc.get_example_patch("random_patch_with_xyz"),
        "dims_3d": lambda: dc.get_example_patch("nd_patch"),
        "dims_1d_time": lambda: p().select(distance=(0, 0)).squeeze(),
        "dims_single_sample": lambda: p().select(time=(None, p().attrs.time_min)),
    }


def multi_cases():
    p = small
    return {
        "multi_two_stations": lambda: [p().update_attrs(station="A"), p().update_attrs(station="B")],
        "multi_contiguous_3": lambda: list(dc.get_example_spool("random_das", length=3, shape=(10, 200))),
        "multi_gapped_5": lambda: list(dc.get_example_spool("random_das", length=5, shape=(10, 200), time_gap=np.timedelta64(1, "s"))),
        "multi_mixed_dtypes": lambda: [p(), p().new(data=p().data.astype(np.float32)).update_attrs(station="F32")],
    }


def failing_in_dascore():
    """Cases DASCore cannot round-trip itself (kept and reported, not dropped)."""
    p = small
    return {
        "dascore_attrs_over_64k": lambda: p().update_attrs(big_note="x" * 70000),
        "dascore_subsecond_name_collision": lambda: [p(), p().update_coords(time_min=p().attrs.time_min + np.timedelta64(1, "ms"))],
    }


def all_cases():
    cases = {}
    for name in OFFLINE_EXAMPLES:
        cases[f"example_{name}"] = (lambda name=name: dc.get_example_patch(name))
    cases |= {f"core_{k}": v for k, v in core_cases(True).items()}
    cases |= processed_cases() | dtype_matrix() | attr_cases() | coord_cases() | multi_cases() | failing_in_dascore()
    return cases


def main(out: Path):
    (out / "dascore").mkdir(parents=True, exist_ok=True)
    result = {"dascore_version": dc.__version__, "cases": {}, "dascore_failures": {}, "not_offline": NETWORK_EXAMPLES}
    for name, build in all_cases().items():
        try:
            built = build()
            patches = built if isinstance(built, list) else [built]
        except Exception as e:  # a case DASCore cannot even build here
            result["dascore_failures"][name] = f"build: {type(e).__name__}: {e}"
            continue
        path = out / "dascore" / f"{name}.h5"
        try:
            dc.write(dc.spool(patches), path, "DASDAE")
            back = list(dc.read(path))
        except Exception as e:
            result["dascore_failures"][name] = f"write/read: {type(e).__name__}: {str(e)[:300]}"
            path.unlink(missing_ok=True)
            continue
        if len(back) != len(patches):
            result["dascore_failures"][name] = f"DASCore wrote {len(patches)} patches and read back {len(back)} (patch names collide)"
        elif not all(a == b for a, b in zip(sorted(patches, key=lambda x: str(x.attrs.get('station'))), sorted(back, key=lambda x: str(x.attrs.get('station'))))) and name.startswith("dascore_"):
            result["dascore_failures"][name] = "DASCore reads back a different patch"
        result["cases"][name] = [describe_patch(x) for x in back]
    (out / "corpus.json").write_text(json.dumps(result))
    print(len(result["cases"]), "cases,", len(result["dascore_failures"]), "DASCore failures")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
