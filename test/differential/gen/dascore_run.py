"""Runs one differential case on DASCore: rebuilds its source from the recipe, applies the ops,
and summarises the answer (count, contents rows, every output patch) as plain JSON."""

from __future__ import annotations

import shutil
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

import dascore as dc
from dascore.exceptions import DASCoreError

HERE = Path(__file__).resolve().parent
DASDAE_ROOT = HERE.parent / "fixtures" / "dasdae"
DIMS = ("time", "distance")
ATTRS = ("network", "station", "tag", "data_type", "data_category")


# ---------------------------------------------------------------- value codec (JSON <-> numpy)
def dec(v):
    """{"t": ns} -> datetime64, {"td": ns} -> timedelta64, {"set": [...]} -> set; else as is."""
    if isinstance(v, dict):
        if "t" in v:
            return np.datetime64(int(v["t"]), "ns")
        if "td" in v:
            return np.timedelta64(int(v["td"]), "ns")
        if "set" in v:
            return set(v["set"])
    if isinstance(v, list):
        return tuple(dec(x) for x in v)
    return v


def ns(v) -> str | None:
    """A datetime64/timedelta64/Timestamp as a string of integer ns (None for NaT)."""
    if v is None or (np.ndim(v) == 0 and pd.isnull(v)):
        return None
    try:
        if np.isnat(np.asarray(v)):
            return None
    except TypeError:
        pass
    if hasattr(v, "value") and not isinstance(v, np.generic):  # pandas Timestamp/Timedelta
        return str(int(v.value))
    arr = np.asarray(v)
    if arr.dtype.kind == "M":
        return str(int(arr.astype("datetime64[ns]").astype(np.int64)))
    if arr.dtype.kind == "m":
        return str(int(arr.astype("timedelta64[ns]").astype(np.int64)))
    raise TypeError(f"not a time: {v!r}")


def num(v):
    """A plain float/int for JSON; None for NaN/None."""
    if v is None:
        return None
    f = float(v)
    if np.isnan(f):
        return None
    return int(f) if float(f).is_integer() and abs(f) < 2**53 else f


# ---------------------------------------------------------------- sources
def random_patches(recipe) -> list:
    patches = []
    for part in recipe["parts"]:
        opts = {k: dec(v) for k, v in part.items()}
        if "shape" in opts:
            opts["shape"] = tuple(opts["shape"])
        patches += list(dc.get_example_spool("random_das", **opts))
    if recipe.get("distinct"):
        # each source gets its own data (k added to patch k) so a read from the wrong source shows
        patches = [p.new(data=p.data + k) for k, p in enumerate(patches)]
    if "order" in recipe:
        patches = [patches[i] for i in recipe["order"]]
    return patches


def diverse_patches(recipe) -> list:
    out = [p for p in dc.get_example_spool("diverse_das") if p.attrs.station == recipe["station"]]
    if "distance" in recipe:
        out = [p.select(distance=tuple(recipe["distance"])) for p in out]
    return out


def write_dasdae_dir(recipe, force=False) -> Path:
    """Writes (once) the committed directory of DASCore-written DASDAE files for a recipe."""
    path = DASDAE_ROOT / recipe["dir"]
    if path.exists() and not force:
        return path
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    for i, p in enumerate(random_patches(recipe["from"])):
        p.io.write(path / f"{recipe['dir']}_{i:02d}.h5", "dasdae")
    return path


def build_source(recipe, tmp: Path):
    kind = recipe["kind"]
    if kind == "random":
        return dc.spool(random_patches(recipe))
    if kind == "diverse":
        return dc.spool(diverse_patches(recipe))
    if kind == "dasdae":
        src = write_dasdae_dir(recipe)
        # DASCore writes its index into the directory: work on a copy so the fixture stays clean
        dst = tmp / recipe["dir"]
        if not dst.exists():
            shutil.copytree(src, dst)
        sp = dc.spool(dst).update(progress=None)
        # DASCore lists a directory in file-system order (arbitrary); take daspool's documented
        # index order (time_min, path) so that slice and ties mean the same on both sides
        df = sp.get_contents()
        order = np.lexsort((df["path"].astype(str).to_numpy(), df["time_min"].to_numpy()))
        sp = sp[np.asarray(order, dtype=np.int64)]
        if recipe.get("in_memory"):  # the directory's patches, loaded, as a memory spool
            sp = dc.spool(list(sp))
        return sp
    raise ValueError(f"unknown recipe kind {kind}")


# ---------------------------------------------------------------- ops
def apply_op(sp, op, recipe):
    name, arg = op
    if name == "_load":  # generator-internal: materialise the outputs as new sources
        return dc.spool(list(sp))
    if name == "select":
        return sp.select(**{k: dec(v) for k, v in arg.items()})
    if name == "slice":
        start, stop, step = arg
        return sp[start:stop:step]
    if name == "sort":
        return sp.sort(arg)
    if name == "chunk":
        kwargs = {arg["dim"]: dec(arg["length"])}
        for key in ("overlap", "keep_partial", "tolerance", "snap_coords", "conflict"):
            if key in arg:
                kwargs[key] = dec(arg[key])
        return sp.chunk(**kwargs)
    if name == "concatenate":
        if recipe["kind"] == "dasdae":
            # DirectorySpool has no concatenate (NotImplementedError): DASCore users load first
            sp = dc.spool(list(sp))
        return sp.concatenate(**{arg["dim"]: arg["n"]})
    raise ValueError(f"unknown op {name}")


# ---------------------------------------------------------------- summaries
def coord_summary(coord) -> dict:
    vals = coord.values
    kind = np.asarray(vals).dtype.kind
    is_time = kind in "Mm"
    conv = ns if is_time else num
    out = {"len": len(coord)}
    if len(coord):
        out["min"], out["max"] = conv(coord.min()), conv(coord.max())
    else:
        out["min"] = out["max"] = None
    step = coord.step
    out["step"] = conv(step) if step is not None else None
    if out["step"] is None and len(coord):
        out["values"] = [conv(v) for v in vals]
    return out


def checksum(data, dims) -> dict:
    """Sum, sum of squares, and per dimension the sum of samples weighted by their index along it:
    independent of axis order (dims are compared apart) yet moved by any shifted sample."""
    a = np.asarray(data, dtype=np.float64)
    out = {"sum": float(a.sum()), "sumsq": float((a * a).sum())}
    for axis, d in enumerate(dims):
        shape = [1] * a.ndim
        shape[axis] = a.shape[axis]
        w = np.arange(a.shape[axis], dtype=np.float64).reshape(shape)
        out[f"w_{d}"] = float((a * w).sum())
    return out


def patch_summary(p) -> dict:
    coords = {d: coord_summary(p.get_coord(d)) for d in p.dims}
    attrs = {k: str(getattr(p.attrs, k, "") or "") for k in ("network", "station", "tag")}
    return {"dims": list(p.dims), "shape": list(p.shape), "coords": coords, "attrs": attrs,
            "check": checksum(p.data, p.dims)}


def contents_rows(df) -> list:
    rows = []
    for _, r in df.iterrows():
        row = {k: (None if r.get(k) is None else str(r.get(k))) for k in ATTRS}
        row["dims"] = str(r.get("dims", ""))
        for d in DIMS:
            if f"{d}_min" not in df.columns:
                continue
            conv = ns if d == "time" else num
            row[f"{d}_min"] = conv(r[f"{d}_min"])
            row[f"{d}_max"] = conv(r[f"{d}_max"])
            row[f"{d}_step"] = conv(r[f"{d}_step"])
        rows.append(row)
    return rows


def error_summary(e, stage) -> dict:
    out = {"class": type(e).__name__, "message": str(e)[:300], "stage": stage}
    # DASCore's own errors (and sort's deliberate IndexError) are answers; anything else
    # (KeyError, a pandas ValueError, IndexError from an empty list...) is DASCore crashing
    if not isinstance(e, DASCoreError) and "Invalid attribute" not in str(e):
        out["crash"] = True
    return out


def inconsistency(out: dict) -> str | None:
    """DASCore contradicting itself so that its data cannot be the oracle: an output patch with
    more samples than its own contents row spans (a slice of a chunked spool duplicates source
    rows, so a window holds repeated samples on a shrunken step). Contents rows that merely
    describe another grid than the patch (select bounds, snapped merges) are not this: those
    cases stay in the test and REPORT.md names the cause."""
    rows, patches = out.get("contents"), out.get("patches")
    if not rows or not patches or len(rows) != len(patches):
        return None
    for i, (row, p) in enumerate(zip(rows, patches)):
        t = p["coords"].get("time")
        if not t or row.get("time_step") in (None, "0") or row.get("time_min") is None:
            continue
        spanned = round((int(row["time_max"]) - int(row["time_min"])) / int(row["time_step"])) + 1
        if t["len"] > spanned + 1:
            return f"output {i}: {t['len']} samples where its contents row spans {spanned}"
    return None


def run_case(case, tmp: Path) -> dict:
    """DASCore's answer to one case; warnings (e.g. dropped patches) are kept as text."""
    recipe = case["source"]
    out: dict = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            sp = build_source(recipe, tmp)
            for op in case["ops"]:
                sp = apply_op(sp, op, recipe)
        except Exception as e:  # noqa: BLE001 - every DASCore error is part of the answer
            out["error"] = error_summary(e, "build")
        else:
            for stage, fn in (("count", lambda: len(sp)),
                              ("contents", lambda: contents_rows(sp.get_contents())),
                              ("iter", lambda: [patch_summary(p) for p in sp])):
                try:
                    out[{"count": "count", "contents": "contents", "iter": "patches"}[stage]] = fn()
                except Exception as e:  # noqa: BLE001
                    out["error"] = error_summary(e, stage)
                    break
    bad = inconsistency(out)
    if bad:
        out["inconsistent"] = bad
    msgs = sorted({str(w.message)[:200] for w in caught
                   if not issubclass(w.category, (DeprecationWarning, FutureWarning))})
    if msgs:
        out["warnings"] = msgs
    return out


def new_tmp() -> Path:
    return Path(tempfile.mkdtemp(prefix="daspool-diff-"))
