"""DASDAE cases written by DASCore, shared by the fixture script and the live interop suite.

Each case is (name, builder) where builder returns a patch or a list of patches. `small=True`
keeps patches tiny for the committed fixtures.
"""
from __future__ import annotations

import numpy as np

import dascore as dc


def _ex(small, **kw):
    if small:
        kw.setdefault("shape", (6, 40))
    return dc.get_example_patch("random_das", **kw)


def core_cases(small: bool):
    """Cases every DASCore build supports (no optional dependencies)."""
    p = lambda **kw: _ex(small, **kw)  # noqa: E731
    nd, nt = p().shape
    cases = {
        "default": lambda: p(),
        "station_network": lambda: p(network="NT", station="ST1", tag="tg"),
        "processed_history": lambda: p().pass_filter(time=(None, 10)).set_units(distance="ft"),
        "data_units": lambda: p().update_attrs(data_units="m/s", data_type="velocity"),
        "data_category": lambda: p().update_attrs(data_category="DAS", instrument_id="inst", acquisition_id="acq"),
        "timedelta_time": lambda: p().update_coords(time=np.arange(nt) * np.timedelta64(4, "ms")),
        "float_distance": lambda: p().update_coords(distance=np.arange(nd) * 0.5 + 0.25),
        "float_step_awkward": lambda: p().update_coords(distance=dc.get_coord(start=0.0, step=0.004 * 1.000001, stop=0.004 * 1.000001 * nd)),
        "int64_uneven": lambda: p().update_coords(distance=(np.arange(nd) ** 2).astype(np.int64)),
        "float_uneven": lambda: p().update_coords(distance=(np.arange(nd) ** 1.5).astype(np.float64)),
        "time_uneven": lambda: p().update_coords(time=p().get_array("time") + np.concatenate([[np.timedelta64(0, "ns")], np.cumsum(np.full(nt - 1, np.timedelta64(1, "us")))])),
        "nondim_latitude": lambda: p().update_coords(latitude=("distance", np.linspace(40, 41, nd))),
        "extras": lambda: p().update_attrs(my_list=[1, 2.5, "a"], my_dict={"a": 1, "b": [None, True]}, my_int=3, my_float=1.5, my_str="x.", my_none=None),
        "float32_data": lambda: p().new(data=p().data.astype(np.float32)),
        "int16_data": lambda: p().new(data=(p().data * 1000).astype(np.int16)),
        "int32_data": lambda: p().new(data=(p().data * 1000).astype(np.int32)),
        "multi_patch": lambda: [p(), p(time_min="2017-09-18T00:01:00", station="B")],
        "transposed": lambda: p().transpose("time", "distance"),
        "rename_coords": lambda: p().rename_coords(distance="channel"),
    }
    return cases


def dtype_cases(small: bool):
    """Data types the daspool data model added (SPEC §3)."""
    p = lambda **kw: _ex(small, **kw)  # noqa: E731
    return {
        "float16_data": lambda: p().new(data=p().data.astype(np.float16)),
        "bool_data": lambda: p().new(data=p().data > 0.5),
        "complex64_data": lambda: p().new(data=(p().data + 1j * p().data[::-1]).astype(np.complex64)),
        "complex128_data": lambda: p().new(data=(p().data + 1j * p().data[::-1]).astype(np.complex128)),
    }
