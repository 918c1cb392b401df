"""JSON descriptions of DASCore patches and Python values, compared by the TypeScript tests."""
from __future__ import annotations

import math

import numpy as np

import dascore as dc


def jsonable(v):
    """A Python attribute value as tagged JSON (ints that JS cannot hold exactly as strings)."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, np.generic):
        if isinstance(v, (np.datetime64, np.timedelta64)):
            unit = "datetime64[ns]" if isinstance(v, np.datetime64) else "timedelta64[ns]"
            return {"ns": str(v.astype(unit).astype("int64"))}
        v = v.item()
    if isinstance(v, int):
        return v if abs(v) < 2**53 else {"int": str(v)}
    if isinstance(v, float):
        return v if math.isfinite(v) else {"float": repr(v)}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    return {"repr": repr(v)}


def _values(a):
    a = np.asarray(a)
    if np.issubdtype(a.dtype, np.datetime64) or np.issubdtype(a.dtype, np.timedelta64):
        return [str(x) for x in a.astype("datetime64[ns]" if a.dtype.kind == "M" else "timedelta64[ns]").astype(np.int64).ravel()]
    if np.issubdtype(a.dtype, np.complexfloating):
        out = []
        for x in a.ravel():
            out += [jsonable(float(x.real)), jsonable(float(x.imag))]
        return out
    if a.dtype == np.bool_:
        return [int(x) for x in a.ravel()]
    if np.issubdtype(a.dtype, np.integer):
        return [jsonable(int(x)) for x in a.ravel()]
    return [jsonable(float(x)) for x in a.ravel()]


def _units(u):
    """Units as DASCore writes them into a file (get_quantity_str), or None."""
    from dascore.units import get_quantity_str

    return None if u is None else get_quantity_str(u)


def data_digest(a) -> str:
    """sha256 of the samples as stored: little-endian, float16 as half bits, bool as bytes,
    complex as interleaved (re, im); daspool computes the same over its arrays."""
    import hashlib

    a = np.ascontiguousarray(np.asarray(a))
    if a.dtype.kind == "M" or a.dtype.kind == "m":
        a = a.astype(a.dtype.str[:3] + "[ns]").view("<i8")
    return hashlib.sha256(a.astype(a.dtype.newbyteorder("<")).tobytes()).hexdigest()


HEAD = 64


def describe_patch(p: dc.Patch) -> dict:
    coords = {}
    cm = p.coords
    for name, coord in cm.coord_map.items():
        vals = coord.values
        step = coord.step
        coords[name] = {
            "dims": list(cm.dim_map[name]),
            "dtype": str(np.asarray(vals).dtype),
            "units": _units(coord.units),
            "evenly_sampled": bool(getattr(coord, "evenly_sampled", False)),
            "step": None if step is None or (isinstance(step, float) and math.isnan(step)) else (str(np.int64(step.astype("timedelta64[ns]").astype(np.int64))) if isinstance(step, np.timedelta64) else jsonable(step)),
            "values": _values(vals),
        }
    attrs = p.attrs.model_dump(exclude={"coords"})
    attrs["history"] = list(p.attrs.history) if not isinstance(p.attrs.history, str) else [p.attrs.history]
    attrs["data_units"] = _units(p.attrs.data_units)
    return {
        "dims": list(p.dims),
        "shape": list(p.shape),
        "dtype": str(p.data.dtype),
        "coords": coords,
        "attrs": {k: jsonable(v) for k, v in attrs.items()},
        "data_head": _values(np.asarray(p.data).ravel()[:HEAD]),
        "data_sha256": data_digest(p.data),
    }
