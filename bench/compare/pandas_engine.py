"""The pandas side of the comparison (pandas and numpy only; one thread).

Load: `pd.read_json` of the array. Compute: the events flattened into a frame (one `from_records` of all the
event dicts, the ticket ids repeated by `np.repeat`: the fast way, not `json_normalize`), one row of facts per
ticket (the library's reader rules, see bench/compare/README.md), then the five metrics on the facts.

Run by bench/compare/run.ts as `python3 bench/compare/pandas_engine.py <file> [atMs]`; prints one JSON line in
the shape of bench/compare/protocol.ts.
"""
import itertools
import json
import resource
import sys
import time

import numpy as np
import pandas as pd

DAY_MS = 86_400_000
DEFAULT_AT = 1789473600000  # 2026-09-15T12:00:00Z, as protocol.ts


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = args[0]
    at = int(args[1]) if len(args) > 1 else DEFAULT_AT
    per_ticket = "--per-ticket" in sys.argv
    now = time.perf_counter

    t0 = now()
    tickets = pd.read_json(path, orient="records", dtype=False, convert_dates=False)
    t1 = now()

    for name in ("spam", "deleted", "mergedInto", "createdBy", "tags"):
        if name not in tickets.columns:
            tickets[name] = None
    events = tickets["events"].map(lambda e: e if isinstance(e, list) else [])
    lengths = events.map(len).to_numpy()
    ev = pd.DataFrame.from_records(list(itertools.chain.from_iterable(events)))
    for name in ("type", "at", "author", "public", "status"):
        if name not in ev.columns:
            ev[name] = None
    ev.insert(0, "id", np.repeat(tickets["id"].to_numpy(), lengths))
    t2 = now()

    # Kind ranks of the library's reader: authors customer 0, agent 1, bot 2, system 3; statuses in lifecycle
    # order new 0 … closed 5 (same-instant changes: the highest rank is the update's result).
    ts = ev["at"].astype("int64")
    is_msg = (ev["type"] == "message").to_numpy()
    is_status = (ev["type"] == "status").to_numpy()
    author = ev["author"].map({"customer": 0, "agent": 1, "bot": 2, "system": 3}).to_numpy(dtype="float64")
    st = ev["status"].map({"new": 0, "open": 1, "pending": 2, "on_hold": 3, "solved": 4, "closed": 5}).to_numpy(dtype="float64")
    public = ev["public"].to_numpy(dtype=object)
    q = is_msg & (author == 1) & (public != False)  # noqa: E712 (None and NaN count as public)
    tsv = ts.to_numpy()
    ids = ev["id"].to_numpy()
    key8_msg = np.where(is_msg, tsv * 8 + np.nan_to_num(author, nan=7).astype("int64"), np.iinfo("int64").max)
    key8_st = np.where(is_status, tsv * 8 + np.nan_to_num(st, nan=0).astype("int64"), -1)
    frame = pd.DataFrame({
        "id": ids,
        "q_ts": np.where(q, tsv, np.nan),
        "q": q,
        "customer": is_msg & (author == 0),
        "first_msg": key8_msg,
        "last_status": key8_st,
        "status_at": np.where(is_status & (tsv <= at), key8_st, -1),
        "solved_ts": np.where(is_status & (st == 4), tsv, np.nan),
        "closed_ts": np.where(is_status & (st == 5), tsv, np.nan),
    })
    g = frame.groupby("id", sort=False)
    per = pd.DataFrame({
        "r1": g["q_ts"].min(),
        "replies": g["q"].sum(),
        "customers": g["customer"].sum(),
        "first_msg": g["first_msg"].min(),
        "last_status": g["last_status"].max(),
        "status_at": g["status_at"].max(),
        "last_solved": g["solved_ts"].max(),
        "last_closed": g["closed_ts"].max(),
    })
    # The second qualifying reply (ties count twice, as the reader's r1/r2): the replies sorted, the second per id.
    qs = pd.DataFrame({"id": ids[q], "ts": tsv[q]}).sort_values(["id", "ts"], kind="stable")
    qs["k"] = qs.groupby("id", sort=False).cumcount()
    per["r2"] = qs[qs["k"] == 1].set_index("id")["ts"].reindex(per.index)
    # Reopened: an instant whose update leaves the ticket unresolved after an instant that left it resolved.
    sts = pd.DataFrame({"id": ids[is_status], "ts": tsv[is_status], "st": st[is_status]})
    inst = sts.groupby(["id", "ts"], sort=False)["st"].max().reset_index()
    inst["resolved"] = inst["st"] >= 4
    first_res = inst["ts"].where(inst["resolved"]).groupby(inst["id"], sort=False).min()
    last_unres = inst["ts"].where(~inst["resolved"]).groupby(inst["id"], sort=False).max()
    per["reopened"] = (last_unres > first_res).reindex(per.index, fill_value=False)

    tk = tickets.set_index("id", drop=False)
    per = per.reindex(tk.index)
    tags = tk["tags"].map(lambda t: t if isinstance(t, list) else [])
    truthy = lambda s: s.map(lambda v: v is True)  # noqa: E731
    ineligible = (
        truthy(tk["deleted"]) | truthy(tk["spam"]) | tk["mergedInto"].notna()
        | tags.map(lambda t: "spam" in t or "closed_by_merge" in t)
    ).to_numpy()
    first_msg = per["first_msg"].to_numpy(dtype="float64")
    created = tk["createdAt"].to_numpy(dtype="int64")
    created_by = tk["createdBy"].to_numpy(dtype=object)
    no_msg = np.isnan(first_msg) | (first_msg == float(np.iinfo("int64").max))
    first_msg_i = np.where(no_msg, 0, np.nan_to_num(first_msg)).astype("int64")
    agent_created = (created_by == "agent") | (pd.isna(created_by) & ~no_msg & (first_msg_i % 8 == 1))
    r1 = per["r1"].to_numpy(dtype="float64")
    first_qualifies = ~no_msg & ~np.isnan(r1) & (first_msg_i == np.nan_to_num(r1).astype("int64") * 8 + 1)
    last_status = per["last_status"].to_numpy(dtype="float64")
    status_at = per["status_at"].to_numpy(dtype="float64")
    resolved_now = (last_status >= 0) & (np.mod(np.nan_to_num(last_status, nan=-1).astype("int64"), 8) >= 4)
    resolved_at = (status_at >= 0) & (np.mod(np.nan_to_num(status_at, nan=-1).astype("int64"), 8) >= 4)
    last_resolved = per["last_solved"].fillna(per["last_closed"]).to_numpy(dtype="float64")
    replies = per["replies"].fillna(0).to_numpy(dtype="int64")
    customers = per["customers"].fillna(0).to_numpy(dtype="int64")
    reopened = per["reopened"].fillna(False).to_numpy(dtype=bool)
    r2 = per["r2"].to_numpy(dtype="float64")
    t3 = now()

    def summary(d: np.ndarray) -> dict:
        d = d[~np.isnan(d)] if d.dtype.kind == "f" else d
        d = d.astype("int64")
        n = int(d.size)
        total = int(d.sum()) if n else 0
        return {
            "count": n,
            "totalMs": total,
            "meanMs": float(d.mean()) if n else None,
            "medianMs": float(np.median(d)) if n else None,
        }

    ok = ~ineligible
    frt = summary(np.where(agent_created & first_qualifies, r2, r1)[ok] - created[ok])
    t4 = now()
    res_mask = ok & resolved_now
    resolution = summary(last_resolved[res_mask] - created[res_mask])
    t5 = now()
    fcr_mask = resolved_now & ok & ~agent_created & (customers > 0)
    fcr = {"numerator": int((fcr_mask & ~reopened & (replies == 1)).sum()), "denominator": int(fcr_mask.sum())}
    t6 = now()
    bl_mask = ok & (created <= at) & ~resolved_at
    backlog = summary(at - created[bl_mask])
    backlog["at"] = at
    t7 = now()
    day = created[ok] // DAY_MS
    counts = pd.Series(day).value_counts().sort_index()
    days = [[int(d) * DAY_MS, int(n)] for d, n in counts.items()]
    t8 = now()

    ms = lambda a, b: (b - a) * 1000  # noqa: E731
    usage = resource.getrusage(resource.RUSAGE_SELF)
    report = {
        "engine": "pandas",
        "version": f"pandas {pd.__version__}, numpy {np.__version__}, python {sys.version.split()[0]}",
        "loadMs": ms(t0, t1),
        "computeMs": ms(t1, t8),
        "phases": {"read_json": ms(t0, t1), "flatten": ms(t1, t2), "facts": ms(t2, t3), "frt": ms(t3, t4), "resolution": ms(t4, t5), "fcr": ms(t5, t6), "backlog": ms(t6, t7), "volume": ms(t7, t8)},
        "peakRssBytes": usage.ru_maxrss * 1024,
        "cpuMs": (usage.ru_utime + usage.ru_stime) * 1000,
        "threads": 1,
        "results": {
            "tickets": int(len(tickets)),
            "frt": frt,
            "resolution": resolution,
            "fcr": fcr,
            "backlog": backlog,
            "volume": {"total": int(sum(n for _, n in days)), "days": days},
        },
    }
    if per_ticket:
        # The same rules per ticket (the edge cases only), for naming the ticket where an engine and the library differ.
        def cell(v):
            return None if v is None or (isinstance(v, float) and np.isnan(v)) else int(v)

        frt_all = np.where(agent_created & first_qualifies, r2, r1) - created
        report["perTicket"] = {
            str(i): [
                cell(frt_all[k]) if ok[k] else None,
                cell(last_resolved[k] - created[k]) if res_mask[k] else None,
                int(bool(~reopened[k] & (replies[k] == 1))) if fcr_mask[k] else None,
                int(at - created[k]) if bl_mask[k] else None,
            ]
            for k, i in enumerate(tk["id"].to_numpy())
        }
    sys.stdout.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    main()
