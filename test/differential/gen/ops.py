"""Random operation chains (1-4 deep) for the differential test: chained selects with open,
reversed, empty, point and between-sample bounds, globs and sets; slice; sort; chunk along time
or distance; concatenate. Bounds and lengths are drawn from the source's own extent and step."""

from __future__ import annotations

import math
import random

from sources import MS, SEC, t, td


class Info:
    """The source's extent: time/distance min, max and step over all rows, and sample count."""

    def __init__(self, rows: list[dict]):
        self.rows = rows
        self.tmin = min(int(r["time_min"]) for r in rows)
        self.tmax = max(int(r["time_max"]) for r in rows)
        self.tstep = min(int(r["time_step"]) for r in rows if r["time_step"] is not None)
        self.dmin = min(r["distance_min"] for r in rows)
        self.dmax = max(r["distance_max"] for r in rows)
        self.dstep = min(r["distance_step"] for r in rows)
        self.samples = sum((int(r["time_max"]) - int(r["time_min"])) // int(r["time_step"]) + 1
                           for r in rows if r["time_step"])
        self.stations = sorted({r["station"] for r in rows})


def time_bound(rng: random.Random, info: Info):
    span = max(1, (info.tmax - info.tmin) // info.tstep)
    k = rng.randint(-2, span + 2)
    kind = rng.choice(["sample", "sample", "between", "null", "outside", "edge"])
    if kind == "null":
        return None
    if kind == "outside":
        return t(rng.choice([info.tmin - SEC, info.tmax + SEC]))
    if kind == "edge":
        return t(rng.choice([info.tmin, info.tmax]))
    v = info.tmin + k * info.tstep
    return t(v + (info.tstep // 2 + 1 if kind == "between" else 0))


def dist_bound(rng: random.Random, info: Info):
    kind = rng.choice(["sample", "sample", "between", "null", "outside"])
    if kind == "null":
        return None
    if kind == "outside":
        return rng.choice([info.dmin - 5, info.dmax + 5])
    k = rng.randint(-1, int(round((info.dmax - info.dmin) / info.dstep)) + 1)
    v = info.dmin + k * info.dstep
    return v + (info.dstep / 2 if kind == "between" else 0)


def range_pair(rng: random.Random, bound, info: Info):
    lo, hi = bound(rng, info), bound(rng, info)
    r = rng.random()
    if r < 0.12 and lo is not None:
        hi = lo  # a point range
    return [lo, hi]  # may be reversed: DASCore swaps within one pair


def attr_select(rng: random.Random, info: Info) -> dict:
    key = rng.choice(["station", "station", "network", "tag"])
    pool = {"station": info.stations + ["s1", "s2", "nope", "big_gaps"],
            "network": ["", "n1", "n2", "das2"], "tag": ["random", "t2", "t1", "some_tag"]}[key]
    r = rng.random()
    if r < 0.35:
        return {key: rng.choice(pool)}
    if r < 0.6:
        return {key: rng.choice(["s*", "?1", "[ab]*", "*", "*g*", "t?", "r*", "n[12]", "x*"])}
    vals = sorted(set(rng.sample(pool, k=min(2, len(pool)))))
    return {key: {"set": vals}} if r < 0.8 else {key: vals}


def select_op(rng: random.Random, info: Info) -> list:
    r = rng.random()
    if r < 0.55:
        return ["select", {"time": range_pair(rng, time_bound, info)}]
    if r < 0.75:
        return ["select", {"distance": range_pair(rng, dist_bound, info)}]
    if r < 0.85:
        q = {"time": range_pair(rng, time_bound, info)}
        q.update(attr_select(rng, info))
        return ["select", q]
    return ["select", attr_select(rng, info)]


def chunk_op(rng: random.Random, info: Info) -> list:
    if rng.random() < 0.2:
        dspan = int(round((info.dmax - info.dmin) / info.dstep)) + 1
        length = rng.choice([None, None, 1, 2, 3, max(1, dspan // 2)]) 
        arg: dict = {"dim": "distance", "length": None if length is None else length * info.dstep}
        if length is not None and rng.random() < 0.3:
            arg["keep_partial"] = True
        return ["chunk", arg]
    arg = {"dim": "time"}
    r = rng.random()
    # at most ~40 windows: the fixture and the test stay small
    kmin = max(1, math.ceil(info.samples / 40))
    k = rng.randint(kmin, max(kmin, min(info.samples, kmin * 6)))
    if r < 0.25:
        arg["length"] = None
    elif r < 0.72:
        arg["length"] = td(k * info.tstep)
    elif r < 0.82:
        arg["length"] = td(k * info.tstep + info.tstep // 3)  # between samples
    elif r < 0.92:
        arg["length"] = round(k * info.tstep / SEC, 6) or 0.001  # seconds as a float
    elif r < 0.96:
        arg["length"] = td(max(1, info.tstep // 2))  # shorter than one step: SPEC §6.2 ChunkError
    else:
        arg["length"] = rng.choice([0, td(-4 * MS)])  # invalid
    length = arg["length"]
    if length is not None:
        if rng.random() < 0.3:
            j = rng.randint(1, k + 1)
            arg["overlap"] = td(j * info.tstep)  # may exceed the length: ParameterError
        if rng.random() < 0.3:
            arg["keep_partial"] = True
    if rng.random() < 0.15:
        arg["tolerance"] = rng.choice([0.5, 3.0, 20.0])
    return ["chunk", arg]


def concat_op(rng: random.Random) -> list:
    r = rng.random()
    if r < 0.5:
        return ["concatenate", {"dim": "time", "n": None}]
    if r < 0.75:
        return ["concatenate", {"dim": "time", "n": rng.choice([1, 2, 3])}]
    if r < 0.9:
        return ["concatenate", {"dim": "distance", "n": None}]
    return ["concatenate", {"dim": "sensor", "n": None}]


def slice_op(rng: random.Random) -> list:
    start = rng.choice([None, None, 0, 1, 2, -1, -2, 5])
    stop = rng.choice([None, None, 1, 2, 3, -1, 10])
    step = rng.choice([None] * 6 + [1, 2, -1])
    return ["slice", [start, stop, step]]


def sort_op(rng: random.Random) -> list:
    return ["sort", rng.choice(["time", "time", "station", "network", "tag", "distance",
                                "time_max", "bogus"])]


def random_ops(rng: random.Random, info: Info) -> list:
    depth = rng.choice([1, 2, 2, 3, 3, 4])
    out = []
    for _ in range(depth):
        r = rng.random()
        if r < 0.36:
            out.append(select_op(rng, info))
        elif r < 0.66:
            out.append(chunk_op(rng, info))
        elif r < 0.78:
            out.append(concat_op(rng))
        elif r < 0.9:
            out.append(slice_op(rng))
        else:
            out.append(sort_op(rng))
    return out
