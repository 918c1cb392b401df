"""Regenerates test/fixtures/dasdae/: small DASDAE files written by DASCore plus what DASCore reads
from them (expected.json), and PyTables-style pickles with their values (pickles.json).

Run: /path/to/dascore-venv/bin/python test/interop/dascore/make_fixtures.py
"""
from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path

import numpy as np

here = Path(__file__).parent
sys.path.insert(0, str(here))
import dascore as dc  # noqa: E402
from dascore_cases import core_cases, dtype_cases  # noqa: E402
from describe import describe_patch, jsonable  # noqa: E402

out_dir = here.parent.parent / "fixtures" / "dasdae"
out_dir.mkdir(parents=True, exist_ok=True)
FIXTURE_CASES = ["default", "processed_history", "timedelta_time", "float_step_awkward", "int64_uneven", "nondim_latitude", "extras", "multi_patch", "float16_data", "bool_data", "complex64_data"]

expected = {"dascore_version": dc.__version__, "cases": {}}
cases = {**core_cases(True), **dtype_cases(True)}
for name in FIXTURE_CASES:
    built = cases[name]()
    patches = built if isinstance(built, list) else [built]
    path = out_dir / f"{name}.h5"
    path.unlink(missing_ok=True)
    dc.write(dc.spool(patches), path, "DASDAE")
    back = dc.read(path)
    expected["cases"][name] = [describe_patch(p) for p in back]
(out_dir / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")

values = [
    ("a", "b"),
    {"a": [1, 2.5, None, True, False, "x\n\\é€😀"], "b": 2**70, "c": -5, "e": 1e300, "f": -0.0},
    np.datetime64("2017-09-18T00:00:00.123456789", "ns"),
    np.timedelta64(4, "ms"),
    np.float64(0.1),
    np.int64(7),
    np.bool_(True),
    np.float32(2.5),
    np.datetime64("2017-09-18", "s"),
    (),
    [],
    {},
    None,
    "x.",
    3,
    -2**40,
    float("inf"),
]
pickles = []
for v in values:
    for proto in (0, 2):
        pickles.append({"protocol": proto, "hex": pickle.dumps(v, proto).hex(), "value": jsonable(v), "python": repr(v)})
(out_dir / "pickles.json").write_text(json.dumps(pickles, indent=1) + "\n")
print("wrote", len(FIXTURE_CASES), "cases and", len(pickles), "pickles to", out_dir)
