"""Writes the anchor archive of the DASCore comparison with DASCore itself (issue 19).

STATIONS subfolders of FILES DASDAE files each, written by `patch.io.write(path, "dasdae")` with
DASCore's default attributes (empty network and tag; only the station is set), float64 data from a
seeded generator, contiguous files of SAMPLES samples at RATE Hz over CHANNELS channels. A
`.complete` marker holds the parameters, so a finished archive is reused and a partial one rebuilt.

usage: python archive.py OUT_DIR STATIONS FILES CHANNELS SAMPLES RATE
"""
import json
import shutil
import sys
from pathlib import Path

import numpy as np
import dascore as dc

out, stations, files, channels, samples, rate = sys.argv[1], *map(int, sys.argv[2:7])
root = Path(out)
params = dict(stations=stations, files=files, channels=channels, samples=samples, rate=rate, version=1)
marker = root / ".complete"
if marker.exists() and json.loads(marker.read_text()) == params:
    print(json.dumps({"reused": True}))
    sys.exit(0)
if root.exists():
    shutil.rmtree(root)
rng = np.random.default_rng(19)
t0 = np.datetime64("2024-01-01T00:00:00", "ns")
step = np.timedelta64(int(round(1e9 / rate)), "ns")
distance = np.arange(channels, dtype=np.float64)
for s in range(stations):
    folder = root / f"station_{s}"
    folder.mkdir(parents=True)
    for k in range(files):
        start = t0 + np.timedelta64(k * samples, "ns") * int(step / np.timedelta64(1, "ns"))
        time = start + np.arange(samples) * step
        data = rng.standard_normal((channels, samples))
        patch = dc.Patch(
            data=data,
            coords={"distance": distance, "time": time},
            dims=("distance", "time"),
            attrs={"station": f"s{s}", "data_category": "DAS"},
        )
        patch.io.write(folder / f"s{s}_{k:05d}.h5", "dasdae")
marker.write_text(json.dumps(params))
print(json.dumps({"reused": False}))
