"""One step of the DASCore comparison (issue 19), run by DASCore in a fresh Python process.

Prints one JSON line: {"ms": wall time of the step, "check": a value both libraries must agree on}.
The clock starts after `import dascore` except for the "import" step, which times the import too.

usage: python steps.py STEP ARCHIVE [STATION T0_NS]
"""
import time

T_START = time.perf_counter()
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

step, archive = sys.argv[1], sys.argv[2]
station = sys.argv[3] if len(sys.argv) > 3 else "s1"
t0_ns = int(sys.argv[4]) if len(sys.argv) > 4 else 0

import numpy as np  # noqa: E402
import dascore as dc  # noqa: E402


def max_over_time(patch):
    """The map task: max over time of each window (DASCore's aggregate)."""
    return patch.aggregate(dim="time", method="max")


def band_rms(patch):
    """The fifth step's map task: band-pass 5-20 Hz, decimate by 4, RMS per channel."""
    band = patch.pass_filter(time=(5, 20)).decimate(time=4)
    return (band * band).mean("time", dim_reduce="min") ** 0.5


def remove_index(root):
    for f in Path(root).glob(".dascore_index*"):
        f.unlink()


def window(start_s, end_s):
    t0 = np.datetime64(t0_ns, "ns")
    return (t0 + np.timedelta64(start_s, "s"), t0 + np.timedelta64(end_s, "s"))


def main():
    t = time.perf_counter()
    if step == "import":
        t = T_START
        df = dc.spool(archive).select(station=station, time=window(100, 400)).get_contents()
        check = len(df)
    elif step == "index":
        remove_index(archive)
        t = time.perf_counter()
        sp = dc.spool(archive).update()
        check = len(sp.get_contents())
    elif step == "reindex":
        sp = dc.spool(archive).update()
        check = len(sp.get_contents())
    elif step == "contents":
        df = dc.spool(archive).select(station=station, time=window(100, 400)).get_contents()
        check = len(df)
    elif step == "contents1h":
        df = dc.spool(archive).select(station=station, time=window(0, 3600)).get_contents()
        check = len(df)
    elif step == "contents1hWarm":
        dc.spool(archive).select(station=station, time=window(0, 10)).get_contents()
        t = time.perf_counter()
        df = dc.spool(archive).select(station=station, time=window(0, 3600)).get_contents()
        check = len(df)
    elif step == "merge":
        patch = dc.spool(archive).select(station=station).chunk(time=None)[0]
        check = float(np.asarray(patch.data)[0, :].sum())
        check = [list(patch.shape), round(check, 6)]
    elif step == "map":
        from concurrent.futures import ProcessPoolExecutor

        sp = dc.spool(archive).select(station=station).chunk(time=30, overlap=5)
        with ProcessPoolExecutor(2) as client:
            out = sp.map(max_over_time, client=client)
        check = [len(out), round(float(sum(np.asarray(p.data).sum() for p in out)), 6)]
    elif step == "bandRms":
        from concurrent.futures import ProcessPoolExecutor

        sp = dc.spool(archive).select(station=station).chunk(time=60)
        with ProcessPoolExecutor(2) as client:
            out = sp.map(band_rms, client=client)
        total = float(sum(np.asarray(p.data).sum() for p in out))
        check = [len(out), float(f"{total:.6g}")]
    else:
        raise SystemExit(f"unknown step {step}")
    ms = (time.perf_counter() - t) * 1000
    import resource

    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"ms": ms, "check": check, "rssMiB": rss_mib}))


if __name__ == "__main__":
    main()
