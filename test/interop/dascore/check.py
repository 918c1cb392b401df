"""DASCore's side of the interop suite, run by dascore.interop.test.ts.

  check.py describe DIR OUT.json     describe every DASDAE file in DIR as DASCore reads it
  check.py spools DASCORE_DIR DASPOOL_DIR OUT.json
                                      index both directories with dc.spool(dir).update() and
                                      compare contents, selects and [0]
  check.py real REAL_DIR OUT_DIR      DASCore reads every real file, writes DASDAE to
                                      OUT_DIR/dascore_real and describes what it read (real.json)
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
from describe import describe_patch  # noqa: E402

warnings.filterwarnings("ignore")


def clean(x):
    """JSON without NaN/inf literals (JavaScript's JSON.parse rejects them)."""
    if isinstance(x, float) and not np.isfinite(x):
        return {"float": repr(x)}
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    return x


def describe_dir(d: Path, out: Path):
    result = {}
    for path in sorted(d.glob("*.h5")):
        try:
            result[path.stem] = {"patches": [describe_patch(p) for p in dc.read(path)]}
        except Exception as e:
            result[path.stem] = {"error": f"{type(e).__name__}: {str(e)[:300]}"}
    out.write_text(json.dumps(clean(result)))


QUERIES = {
    "all": {},
    "time": {"time": ("2017-09-18T00:00:01", "2017-09-18T00:00:02")},
    "station": {"station": "B"},
    "time_station": {"time": ("2017-09-18T00:00:00.1", "2017-09-18T00:00:00.5"), "station": "A"},
    "network_glob": {"network": "NT*"},
}
CONTENT_COLUMNS = ["path", "network", "station", "tag", "dims", "data_type", "data_category", "time_min", "time_max", "time_step", "distance_min", "distance_max", "distance_step"]


def spool_answers(d: Path):
    sp = dc.spool(d).update()
    df = sp.get_contents()
    cols = [c for c in CONTENT_COLUMNS if c in df.columns]
    rows = df[cols].astype(str).sort_values(cols).to_dict("records")
    answers = {"contents": rows}
    for name, q in QUERIES.items():
        sub = sp.select(**q)
        patches = sorted([describe_patch(p) for p in sub], key=lambda x: json.dumps(x["attrs"], sort_keys=True) + json.dumps(x["coords"].get("time", {}).get("values", [])[:1]))
        answers[name] = {"count": len(sub), "patches": patches}
        answers[name + "[0]"] = describe_patch(sub[0]) if len(sub) else None
    return answers


def spools(a: Path, b: Path, out: Path):
    res = {}
    for label, d in (("dascore", a), ("daspool", b)):
        try:
            res[label] = spool_answers(d)
        except Exception as e:
            res[label] = {"error": f"{type(e).__name__}: {str(e)[:300]}"}
    out.write_text(json.dumps(clean(res)))


def real(real_dir: Path, out_dir: Path):
    dest = out_dir / "dascore_real"
    dest.mkdir(parents=True, exist_ok=True)
    result = {}
    for path in sorted(real_dir.iterdir()):
        if path.suffix == ".md" or path.name.startswith("."):
            continue
        entry = {}
        try:
            patches = list(dc.read(path))
            entry["patches"] = [describe_patch(p) for p in patches]
            target = dest / f"{path.name}.h5"
            dc.write(dc.spool(patches), target, "DASDAE")
            back = list(dc.read(target))
            entry["dascore_round_trip"] = len(back) == len(patches) and all(x == y for x, y in zip(patches, back))
            # what DASCore reads from its own DASDAE (unset extras are not written, names may collide)
            entry["dasdae_patches"] = [describe_patch(p) for p in back]
        except Exception as e:
            entry["error"] = f"{type(e).__name__}: {str(e)[:300]}"
        result[path.name] = entry
    (out_dir / "real.json").write_text(json.dumps(clean(result)))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "describe":
        describe_dir(Path(sys.argv[2]), Path(sys.argv[3]))
    elif cmd == "spools":
        spools(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
    elif cmd == "real":
        real(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        raise SystemExit(f"unknown command {cmd}")
