"""Generates the differential test's fixtures: runs every case on DASCore and stores its answers.

    /work/dascore-venv/bin/python test/differential/gen/generate.py            # all committed sets
    /work/dascore-venv/bin/python test/differential/gen/generate.py --seed 12345 --count 1000 \\
        --out test/differential/fixtures/fresh/seed-12345.json.gz          # a fresh seed

(`npm run diff:regen` runs the first, `DIFF_SEED=12345 npm run diff:fresh` the second and then
the test on it.) Committed sets: handpicked.json.gz and seed-<n>.json.gz for SEEDS."""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import sys
import time
from pathlib import Path

import dascore as dc

sys.path.insert(0, str(Path(__file__).resolve().parent))

from annotate import alternatives, notes_for  # noqa: E402
from dascore_run import build_source, contents_rows, new_tmp, run_case, write_dasdae_dir  # noqa: E402
from handpicked import defect_cases, grid_ops, grid_sources, spec_cases  # noqa: E402
from ops import Info, random_ops  # noqa: E402
from sources import DASDAE_DIRS, dasdae, random_source  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = (101, 202, 303)
PER_SEED = 420
MAX_OUTPUTS = 60  # keeps the fixture (and the test) small; a bigger case is drawn again

_info_cache: dict[str, Info] = {}


def info_of(recipe, tmp) -> Info:
    key = json.dumps(recipe, sort_keys=True)
    if key not in _info_cache:
        if recipe["kind"] == "dasdae":  # DASCore's directory contents have no distance columns
            recipe = recipe["from"]
        _info_cache[key] = Info(contents_rows(build_source(recipe, tmp).get_contents()))
    return _info_cache[key]


def finish(case: dict, tmp) -> dict:
    result = run_case(case, tmp)
    out = {**case, "dascore": result}
    notes = notes_for(case, tmp)
    if notes:
        out["notes"] = notes
    rows = info_of(case["source"], tmp).rows
    # sampling steps count too: DASCore also lets 4 ms data bridge a gap in 10 ms data
    groups = len({(r["network"], r["station"], r["tag"], r["time_step"]) for r in rows})
    alts = alternatives(case, result, tmp, groups)
    if alts:
        out["alts"] = alts
    return out


def crashed(case: dict) -> bool:
    """DASCore crashed (not one of its errors) in the answer or in an alternative: no oracle."""
    answers = [case["dascore"], *case.get("alts", {}).values()]
    return any(a.get("error", {}).get("crash") or a.get("inconsistent") for a in answers)


def handpicked(tmp, crashes: list) -> list[dict]:
    todo = [{"id": f"defect{c['defect']}-{i}", "cat": "defect", **c} for i, c in enumerate(defect_cases())]
    todo += [{"id": f"spec-{i}", "cat": "spec", **c} for i, c in enumerate(spec_cases())]
    for si, src in enumerate(grid_sources()):
        for oi, ops in enumerate(grid_ops(info_of(src, tmp))):
            todo.append({"id": f"grid-{si:02d}-{oi:02d}", "cat": f"grid:{src['kind']}",
                         "source": src, "ops": ops})
    cases = []
    for case in map(lambda c: finish(c, tmp), todo):
        (crashes if crashed(case) else cases).append(case)
    return cases


def seeded(seed: int, count: int, tmp, crashes: list) -> list[dict]:
    rng = random.Random(seed)
    cases = []
    while len(cases) < count:
        src = random_source(rng, all_dirs=seed not in SEEDS)
        ops = random_ops(rng, info_of(src, tmp))
        case = finish({"id": f"s{seed}-{len(cases):04d}", "cat": f"random:{src['kind']}",
                       "source": src, "ops": ops}, tmp)
        if case["dascore"].get("count", 0) > MAX_OUTPUTS:
            continue
        if crashed(case):  # kept aside for REPORT.md; a new case is drawn
            crashes.append({**case, "id": f"s{seed}-crash-{len(crashes)}"})
            continue
        cases.append(case)
    return cases


def save(path: Path, name: str, cases: list[dict], crashes: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"made_with": f"DASCore {dc.__version__}", "set": name, "cases": cases,
           "dascore_crashes": crashes}
    data = json.dumps(doc, separators=(",", ":"), sort_keys=True).encode()
    # mtime=0: regenerating the same cases gives the same bytes (no churn in git)
    with open(path, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as gz:
        gz.write(data)
    print(f"{path.name}: {len(cases)} cases, {path.stat().st_size // 1024} KiB", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seed", type=int, help="generate one random set with this seed")
    ap.add_argument("--count", type=int, default=PER_SEED)
    ap.add_argument("--out", type=Path, help="output file (default fixtures/seed-<seed>.json.gz)")
    ap.add_argument("--set", choices=["handpicked", "seeds", "all"], default="all")
    ap.add_argument("--rewrite-dasdae", action="store_true", help="rewrite the committed .h5 dirs")
    args = ap.parse_args()
    # Some random chains make DASCore allocate tens of GB (seen at seed 20261207: killed by the
    # OOM killer); capped, it raises MemoryError, which the case runner records as a DASCore crash.
    cap = int(float(__import__("os").environ.get("DIFF_GEN_MEM_GB", "6")) * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    tmp = new_tmp()
    for name in DASDAE_DIRS:
        write_dasdae_dir(dasdae(name), force=args.rewrite_dasdae)
    t0 = time.time()
    if args.seed is not None:
        crashes: list = []
        cases = seeded(args.seed, args.count, tmp, crashes)
        save(args.out or FIXTURES / f"seed-{args.seed}.json.gz", f"seed-{args.seed}", cases, crashes)
        print(f"done in {time.time() - t0:.0f} s", flush=True)
        return
    if args.set in ("handpicked", "all"):
        crashes = []
        save(FIXTURES / "handpicked.json.gz", "handpicked", handpicked(tmp, crashes), crashes)
    if args.set in ("seeds", "all"):
        for seed in SEEDS:
            crashes = []
            cases = seeded(seed, args.count, tmp, crashes)
            save(FIXTURES / f"seed-{seed}.json.gz", f"seed-{seed}", cases, crashes)
    print(f"done in {time.time() - t0:.0f} s", flush=True)


if __name__ == "__main__":
    main()
