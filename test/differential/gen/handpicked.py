"""Hand-picked cases: the reproductions of issue #16's defect table, SPEC §6.2's worked numbers,
and a fixed grid of edge-case templates (open, reversed, empty, point and between-sample bounds;
chunk options; concatenate; slice; sort; compositions) over a fixed list of sources."""

from __future__ import annotations

from sources import DASDAE_DIRS, DIVERSE_STATIONS, MS, SEC, T0, dasdae, diverse, t, td


def rd(**part) -> dict:
    return {"kind": "random", "parts": [part]}


def defect_cases() -> list[dict]:
    """Issue #16's table, one case per row (row 8, map running tasks twice, is not a question of
    answers: DASCore has no lazy map; the call-counter tests of part 3 cover it)."""
    two_1s = {"kind": "random", "parts": [{"length": 1, "shape": [2, 10]},
                                          {"length": 1, "shape": [3, 10], "time_min": t(T0 + SEC)}]}
    chan = {"kind": "random", "distinct": True, "parts": [
        {"length": 1, "shape": [2, 10]},
        {"length": 1, "shape": [2, 10], "distance_min": 10, "time_min": t(T0 + SEC)}]}
    gap1 = rd(length=2, time_gap=td(SEC), shape=[1, 3])
    return [
        {"defect": 1, "source": rd(length=1, shape=[2, 50]),
         "ops": [["select", {"time": [t(T0), t(T0 + 20 * MS)]}],
                 ["select", {"time": [t(T0 + 100 * MS), None]}]]},
        {"defect": 2, "source": two_1s, "ops": [["concatenate", {"dim": "time", "n": None}]]},
        {"defect": 2, "source": chan, "ops": [["concatenate", {"dim": "time", "n": None}]]},
        {"defect": 3, "source": rd(length=2, shape=[4, 3]),
         "ops": [["chunk", {"dim": "distance", "length": 2}]]},
        {"defect": 3, "source": rd(length=2, shape=[4, 3]),
         "ops": [["chunk", {"dim": "distance", "length": None}]]},
        {"defect": 4, "source": rd(length=2, shape=[1, 10]),
         "ops": [["chunk", {"dim": "time", "length": 0.02}], ["slice", [1, 2, None]],
                 ["chunk", {"dim": "time", "length": None}]]},
        {"defect": 5, "source": gap1, "ops": [["concatenate", {"dim": "time", "n": None}],
                                              ["chunk", {"dim": "time", "length": None}]]},
        {"defect": 6, "source": gap1, "ops": [["concatenate", {"dim": "time", "n": None}]]},
        {"defect": 7, "source": rd(length=1, shape=[1, 10]),
         "ops": [["chunk", {"dim": "time", "length": 1}], ["chunk", {"dim": "time", "length": 0.02}]]},
    ]


def spec_cases() -> list[dict]:
    """SPEC §6.2's worked numbers on getExampleSpool() (2 channels instead of 300)."""
    src = rd(length=3, shape=[2, 2000])
    c = lambda length, **kw: ["chunk", {"dim": "time", "length": length, **kw}]  # noqa: E731
    chains = [[c(2)], [c(5)], [c(5, keep_partial=True)], [c(3, overlap=1)], [c(5, overlap=1)],
              [c(25)], [c(None)], [c(5), c(2)]]
    return [{"source": src, "ops": ops} for ops in chains]


def grid_sources() -> list[dict]:
    out = [
        rd(length=3, shape=[2, 20]),
        rd(length=3, shape=[2, 20], time_gap=td(SEC)),
        {**rd(length=4, shape=[2, 20], time_gap=td(-12 * MS)), "distinct": True},
        {**rd(length=4, shape=[2, 20], time_gap=td(-10 * MS)), "distinct": True},
        rd(length=3, shape=[2, 20], time_gap=td(2 * MS)),
        {"kind": "random", "distinct": True, "parts": [
            {"length": 3, "shape": [2, 10], "station": "s1"},
            {"length": 2, "shape": [2, 10], "station": "s2", "time_gap": td(SEC)}]},
    ]
    out += [diverse(s) for s in DIVERSE_STATIONS]
    out += [dasdae(n) for n in sorted(DASDAE_DIRS)]
    return out


def grid_ops(info) -> list[list]:
    """Templates over a source's extent (info: ops.Info)."""
    s, lo, hi = info.tstep, info.tmin, info.tmax
    mid = lo + ((hi - lo) // s // 2) * s
    q = lo + ((hi - lo) // s // 4) * s
    n = (hi - lo) // s + 1
    k = max(2, n // 6)
    sel = lambda a, b: ["select", {"time": [a if a is None else t(a), b if b is None else t(b)]}]  # noqa: E731
    ch = lambda length, **kw: ["chunk", {"dim": "time", "length": length, **kw}]  # noqa: E731
    cat = ["concatenate", {"dim": "time", "n": None}]
    return [
        [sel(None, mid)], [sel(mid, None)], [sel(hi, lo)],
        [sel(mid + 1, mid + 2)],                      # empty: between two samples
        [sel(mid, mid)],                              # a point on a sample
        [sel(q + s // 2, mid + s // 2)],              # between-sample bounds
        [sel(lo, mid), sel(q, None)],                 # chained, overlapping
        [sel(lo, q), sel(mid, None)],                 # chained, disjoint
        [["select", {"distance": [info.dmin, info.dmin]}]],
        [["select", {"distance": [info.dmin + info.dstep / 4, info.dmin + info.dstep / 2]}]],
        [ch(None)], [ch(td(k * s))], [ch(td(k * s), keep_partial=True)],
        [ch(td(k * s), overlap=td(s))], [ch(td(k * s), tolerance=0.5)], [ch(None, tolerance=3.0)],
        [["chunk", {"dim": "distance", "length": info.dstep}]],
        [["chunk", {"dim": "distance", "length": None}]],
        [cat], [["concatenate", {"dim": "time", "n": 2}]], [["concatenate", {"dim": "sensor", "n": None}]],
        [["slice", [-1, None, None]]], [["slice", [None, None, -1]]],
        [["sort", "time"], ["slice", [1, None, None]]],
        [sel(q, hi), ch(td(k * s))],
        [ch(td(k * s)), sel(q, mid)],
        [ch(td(k * s)), ["slice", [1, 3, None]], ch(None)],
        [cat, ch(None)],
        [ch(None), cat],
        [sel(q, None), sel(None, hi), ch(td(k * s), keep_partial=True), ["slice", [None, -1, None]]],
    ]
