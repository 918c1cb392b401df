"""DASCore-side facts that SPEC's declared differences depend on, found while a case runs:
notes (a concatenate dropped incompatible patches, a chunk length below one step, a chunk over a
non-monotonic coordinate) and alternative answers (DASCore with contiguity judged per partition,
SPEC §6.2; a select after a chunk reading the chunk's snapped outputs, SPEC §6.1)."""

from __future__ import annotations

import contextlib
import json
import warnings

import numpy as np
import pandas as pd

from dascore.utils.chunk import ChunkManager

from dascore_run import apply_op, build_source, dec, run_case


@contextlib.contextmanager
def partition_first():
    """ChunkManager judging contiguity inside each (sampling, attribute) group, as SPEC §6.2
    says, instead of across all rows (DASCore master lets one station bridge another's gap)."""
    original = ChunkManager._get_group

    def _get_group(self, df, start, stop, step):
        samp_g = self._get_sampling_group_num(step)
        col_g = self._get_col_group(df, pd.Series(0, index=df.index))
        key = samp_g.astype(str) + "_" + col_g.astype(str)
        cont = pd.Series(0, index=df.index, dtype=np.int64)
        for k in key.unique():
            idx = key[key == k].index
            g = self._get_continuity_group_number(start.loc[idx], stop.loc[idx], step.loc[idx])
            cont.loc[idx] = g.loc[idx].to_numpy()
        return self._get_final_group(samp_g, col_g, cont)

    ChunkManager._get_group = _get_group
    try:
        yield
    finally:
        ChunkManager._get_group = original


def _steps(sp, dim):
    out = []
    for df in (sp._source_df, sp._df):
        col = f"{dim}_step"
        if df is not None and col in df.columns:
            out += [x for x in df[col].tolist() if not pd.isnull(x)]
    return out


def notes_for(case, tmp) -> list[str]:
    notes: set[str] = set()
    recipe = case["source"]
    try:
        sp = build_source(recipe, tmp)
        for i, op in enumerate(case["ops"]):
            name, arg = op
            if name == "chunk" and arg["length"] is not None:
                length = dec(arg["length"])
                steps = _steps(sp, arg["dim"])
                if arg["dim"] == "time":
                    length = np.timedelta64(length, "ns") if isinstance(length, np.timedelta64) \
                        else np.timedelta64(int(round(float(length) * 1e9)), "ns")
                    steps = [np.timedelta64(pd.Timedelta(x).value, "ns") for x in steps]
                if any(length < s for s in steps) and length > length * 0:
                    notes.add("chunk_length_below_step")
            if name == "chunk" and any(o[0] == "concatenate" for o in case["ops"][:i]):
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    for p in sp:
                        if arg["dim"] in p.dims:
                            v = np.asarray(p.get_coord(arg["dim"]).values)
                            if len(v) > 1 and not (np.all(v[1:] > v[:-1]) or np.all(v[1:] < v[:-1])):
                                notes.add("chunk_non_monotonic")
            if name == "concatenate":
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    sp = apply_op(sp, op, recipe)
                if any("not compatible" in str(w.message) for w in caught):
                    notes.add("concatenate_dropped_incompatible")
                if recipe["kind"] == "dasdae":
                    notes.add("dascore_directory_concatenate_loaded_first")
                continue
            sp = apply_op(sp, op, recipe)
    except Exception:  # noqa: BLE001 - the error itself is recorded by run_case
        pass
    return sorted(notes)


def _same(a, b) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def alternatives(case, primary, tmp, groups: int) -> dict:
    """Alternative DASCore answers for the declared differences, kept only when they differ.
    `groups`: how many (network, station, tag, step) groups the source has."""
    alts = {}
    ops = case["ops"]
    if groups > 1 and any(o[0] == "chunk" for o in ops):
        with partition_first():
            alt = run_case(case, tmp)
        if not _same(alt, primary):
            alts["partition_first"] = alt
    if case["source"]["kind"] == "dasdae":
        # DASCore's directory index has no distance columns, so a directory spool can neither
        # chunk nor sort along distance, nor see that a chunk merges other channels; its answer
        # on the same patches loaded in memory stands in where it differs
        alt = run_case({**case, "source": {**case["source"], "in_memory": True}}, tmp)
        if not _same(alt, primary):
            alts["directory_as_memory"] = alt
    chunk_then_select = [i for i, o in enumerate(ops) if o[0] == "chunk"
                         and any(x[0] == "select" for x in ops[i + 1:])]
    if chunk_then_select:
        # the chunk's outputs become the sources (loaded), so a later select trims snapped samples
        new_ops = []
        for i, o in enumerate(ops):
            new_ops.append(o)
            if i in chunk_then_select:
                new_ops.append(["_load", None])
        alt = run_case({**case, "ops": new_ops}, tmp)
        if not _same(alt, primary):
            alts["select_after_chunk_snapped"] = alt
    return alts

