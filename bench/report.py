#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""report.py RAW_DIR OUT_DIR - the benchmark's tables and plots.

Reads what bench/bench.sh wrote in the VM (RAW_DIR/*.jsonl and the
capture of the LAN bridge RAW_DIR/outage.pcap) and writes OUT_DIR/results.md,
OUT_DIR/results.json and the PNG plots (matplotlib, Agg backend).

Takeover: from the capture of the LAN bridge, the last advertisement of
the old Active (R1, 192.0.2.2) before the bench saw R2 Active, to the
first advertisement of the new Active (R2, 192.0.2.3) after it.
"""

import glob
import json
import os
import statistics
import struct
import sys

IMPL_NAMES = {"vrrp": "vrrp.ko", "keepalived": "keepalived", "frr": "FRR vrrpd",
              "vrrp-any": "vrrp.ko forward any", "vrrp-anycast": "vrrp.ko anycast"}
IMPL_COLORS = {"vrrp": "tab:blue", "keepalived": "tab:orange", "frr": "tab:green",
               "vrrp-any": "tab:cyan", "vrrp-anycast": "tab:purple"}
KIND_TEXT = {
    "carrier": "carrier lost",
    "silent": "silent death",
    "admin": "admin down",
    "graceful": "graceful (del, stop)",
    "demote": "priority lowered",
    "failback": "failback blip",
}
# The planned handovers: nothing need be lost.
PLANNED = ("graceful", "demote")
# No takeover to time: the failback has none; a demoted Active router
# advertises (its lower priority) until the Backup preempts, so the gap
# between their advertisements is not one, and the Backup's wait runs
# from the last advertisement it followed, not from an RFC event.
NO_TAKEOVER = ("failback", "demote")
R1_IP = "192.0.2.2"
R2_IP = "192.0.2.3"
R2_PRIO = 100


def read_jsonl(raw, name):
    path = os.path.join(raw, name + ".jsonl")
    rows = []
    if not os.path.exists(path):
        return rows
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                print("report: bad line in %s: %s" % (path, line), file=sys.stderr)
    return rows


def read_adverts(path):
    """(time, source IPv4, priority) of every VRRP packet in a pcap."""
    out = []
    if not os.path.exists(path):
        return out
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return out
    magic = struct.unpack("<I", data[:4])[0]
    if magic in (0xA1B2C3D4, 0xA1B23C4D):
        endian = "<"
    else:
        endian = ">"
        magic = struct.unpack(">I", data[:4])[0]
    div = 1e9 if magic == 0xA1B23C4D else 1e6
    off = 24
    while off + 16 <= len(data):
        sec, frac, incl, _ = struct.unpack(endian + "IIII", data[off:off + 16])
        pkt = data[off + 16:off + 16 + incl]
        off += 16 + incl
        eth = 14
        etype = struct.unpack(">H", pkt[12:14])[0] if len(pkt) >= 14 else 0
        while etype == 0x8100 and len(pkt) >= eth + 4:
            etype = struct.unpack(">H", pkt[eth + 2:eth + 4])[0]
            eth += 4
        if etype != 0x0800 or len(pkt) < eth + 20:
            continue
        ihl = (pkt[eth] & 0x0F) * 4
        if pkt[eth + 9] != 112 or len(pkt) < eth + ihl + 3:
            continue
        src = ".".join(str(b) for b in pkt[eth + 12:eth + 16])
        prio = pkt[eth + ihl + 2]
        out.append((sec + frac / div, src, prio))
    out.sort()
    return out


def takeover_ms(adverts, t_fail, t_active=None):
    """The old Active's last advertisement before the bench saw the new one
    Active (t_active) to the new one's first after it. Anchoring at
    t_active skips a Backup's brief false takeovers before the failure
    (TCG stalls make them at 100 ms and below)."""
    end = t_active if t_active else float("inf")
    last_old = None
    for t, s, _ in adverts:
        if t >= end:
            break
        if s == R1_IP and t >= t_fail - 5:
            last_old = t
    if last_old is None:
        return None
    first_new = next((t for t, s, _ in adverts
                      if s == R2_IP and t > last_old and t >= t_fail), None)
    if first_new is None:
        return None
    return (first_new - last_old) * 1000.0


def rfc_floor_ms(kind, interval):
    skew = (256 - R2_PRIO) * interval / 256.0
    if kind in ("carrier", "silent"):
        return 3 * interval + skew
    if kind in ("admin", "graceful"):
        return skew
    return None


def stats(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {
        "n": len(values),
        "min": round(min(values), 1),
        "median": round(statistics.median(values), 1),
        "max": round(max(values), 1),
    }


def fmt_stat(s, with_range=True):
    if not s:
        return "-"
    if not with_range or s["n"] == 1:
        return "%g" % s["median"]
    return "%g (%g-%g)" % (s["median"], s["min"], s["max"])


def fmt_ms(v):
    return "-" if v is None else ("%g" % round(v, 1))


def ordered(values, order):
    seen = [v for v in order if v in values]
    return seen + sorted(v for v in values if v not in order)


def probe_lost(probe):
    """Probes lost: the prober's count of unanswered probes before its last
    answered one. From a prober without it: none when no answered probes
    had a lost one between them (outage 0), else sent minus received,
    which counts those still in flight at the stop too."""
    if "lost" in probe:
        return probe["lost"]
    if probe.get("outage_ms", 1) == 0:
        return 0
    return probe.get("sent", 0) - probe.get("received", 0)


def outage_results(raw, rows):
    by = {}
    # outage.pcap; runs merged from several VMs add outage-*.pcap.
    adverts = sorted(a for f in sorted(glob.glob(os.path.join(raw, "outage*.pcap")))
                     for a in read_adverts(f))
    for r in rows:
        if r.get("kind") == "setup":
            continue
        key = (r["impl"], r["interval_ms"], r["kind"])
        probe = r.get("probe") or {}
        outage = probe.get("outage_ms") if r.get("recovered") else None
        tk = None
        if r["kind"] not in NO_TAKEOVER:
            tk = takeover_ms(adverts, r["t_fail"], r.get("t_active"))
        e = by.setdefault(key, {"outage": [], "takeover": [], "late": [],
                                "lost": [], "unrecovered": 0})
        e["outage"].append(outage)
        e["takeover"].append(tk)
        e["late"].append(probe.get("late_ms"))
        if probe:
            e["lost"].append(probe_lost(probe))
        if not r.get("recovered"):
            e["unrecovered"] += 1
    res = []
    for (impl, ivl, kind), e in sorted(by.items()):
        res.append({
            "impl": impl, "interval_ms": ivl, "kind": kind,
            "outage_ms": stats(e["outage"]),
            "takeover_ms": stats(e["takeover"]),
            "rfc_floor_ms": rfc_floor_ms(kind, ivl),
            "outage_samples": [None if v is None else round(v, 1) for v in e["outage"]],
            "takeover_samples": [None if v is None else round(v, 1) for v in e["takeover"]],
            "prober_late_max_ms": max([v for v in e["late"] if v is not None], default=None),
            "lost_probes": e["lost"],
            "unrecovered": e["unrecovered"],
        })
    return res


def md_outage(res, impls, field, title, note):
    lines = ["### " + title, "", note, ""]
    hdr = "| failure | interval | " + " | ".join(IMPL_NAMES.get(i, i) for i in impls)
    hdr += " | RFC floor |"
    if field == "outage_ms" and "vrrp" in impls:
        hdr += " " + " | ".join("%s / vrrp.ko" % IMPL_NAMES.get(i, i)
                                  for i in impls if i != "vrrp") + " |"
    lines.append(hdr)
    lines.append("|" + "---|" * (hdr.count("|") - 1))
    kinds = ordered({r["kind"] for r in res}, list(KIND_TEXT))
    ivls = sorted({r["interval_ms"] for r in res}, reverse=True)
    idx = {(r["impl"], r["interval_ms"], r["kind"]): r for r in res}
    for kind in kinds:
        if field == "takeover_ms" and kind in NO_TAKEOVER:
            continue
        for ivl in ivls:
            row = [KIND_TEXT.get(kind, kind), "%d ms" % ivl]
            floor = None
            for i in impls:
                r = idx.get((i, ivl, kind))
                row.append(fmt_stat(r[field]) if r else "-")
                if r:
                    floor = r["rfc_floor_ms"]
            row.append(fmt_ms(floor))
            if field == "outage_ms" and "vrrp" in impls:
                base = idx.get(("vrrp", ivl, kind))
                for i in impls:
                    if i == "vrrp":
                        continue
                    r = idx.get((i, ivl, kind))
                    if (base and r and base["outage_ms"] and r["outage_ms"]
                            and base["outage_ms"]["median"] > 0):
                        row.append("%.2f" % (r["outage_ms"]["median"]
                                             / base["outage_ms"]["median"]))
                    else:
                        row.append("-")
            lines.append("| " + " | ".join(row) + " |")
    return lines + [""]


def md_planned(res, impls):
    """Probes lost on each planned handover: 0 is the goal."""
    idx = {(r["impl"], r["interval_ms"], r["kind"]): r for r in res}
    rows = [r for r in res if r["kind"] in PLANNED]
    if not rows:
        return []
    impls = [i for i in impls if any(r["impl"] == i for r in rows)]
    lines = ["### Planned handovers: probes lost", "",
             "Probes lost (of 1000 a second: unanswered probes sent before "
             "the last answered one, see probe_lost()) on each "
             "planned handover: the Active router deleted (vrrp.ko), its "
             "daemon stopped (keepalived: SIGTERM) or shut down (FRR: "
             "`vrrp VRID shutdown`); its priority set below the Backup's "
             "(vrrpctl set, keepalived reloading its configuration, FRR "
             "`vrrp VRID priority`). Median (min-max) of the repetitions.",
             ""]
    hdr = "| handover | interval | " + " | ".join(IMPL_NAMES.get(i, i) for i in impls) + " |"
    lines += [hdr, "|" + "---|" * (hdr.count("|") - 1)]
    for kind in PLANNED:
        for ivl in sorted({r["interval_ms"] for r in rows}, reverse=True):
            cells = []
            for i in impls:
                r = idx.get((i, ivl, kind))
                cells.append(fmt_stat(stats(r["lost_probes"])) if r else "-")
            if all(c == "-" for c in cells):
                continue
            lines.append("| %s | %d ms | %s |" % (KIND_TEXT[kind], ivl, " | ".join(cells)))
    return lines + [""]


def md_headline(res, stab, impls):
    """One compact table: outage and takeover medians, false failovers."""
    idx = {(r["impl"], r["interval_ms"], r["kind"]): r for r in res}
    names = [IMPL_NAMES.get(i, i) for i in impls]
    hdr = ("| failure | interval | outage: " + " / ".join(names)
           + " | takeover: " + " / ".join(names) + " | RFC floor |")
    lines = ["### Headline (medians, ms)", "", hdr, "|---|---|---|---|---|"]
    for kind in ordered({r["kind"] for r in res}, list(KIND_TEXT)):
        for ivl in sorted({r["interval_ms"] for r in res}, reverse=True):
            rs = [idx.get((i, ivl, kind)) for i in impls]
            if not any(rs):
                continue
            out = " / ".join(fmt_stat(r and r["outage_ms"], False) for r in rs)
            tk = " / ".join(fmt_stat(r and r["takeover_ms"], False) for r in rs)
            if kind in NO_TAKEOVER:
                tk = "-"
            floor = next((r["rfc_floor_ms"] for r in rs if r), None)
            lines.append("| %s | %d ms | %s | %s | %s |" % (
                KIND_TEXT.get(kind, kind), ivl, out, tk, fmt_ms(floor)))
    if stab:
        lines += ["", "False failovers in %s s under `stress-ng --cpu` (all CPUs) / "
                  "SCHED_FIFO hogs:" % stab[0].get("duration_s"), ""]
        sidx = {(r["impl"], r["interval_ms"], r["load"]): r for r in stab}
        for i in impls:
            cells = []
            for ivl in sorted({r["interval_ms"] for r in stab}, reverse=True):
                c = sidx.get((i, ivl, "cpu"))
                t = sidx.get((i, ivl, "rt"))
                cells.append("%d ms: %s / %s" % (
                    ivl, c["false_failovers"] if c else "-",
                    t["false_failovers"] if t else "-"))
            lines.append("- %s: %s" % (IMPL_NAMES.get(i, i), "; ".join(cells)))
    return lines + [""]


def md_stability(rows, impls):
    if not rows:
        return []
    loads = ordered({r["load"] for r in rows}, ["idle", "cpu", "rt"])
    names = {"idle": "idle", "cpu": "stress-ng --cpu (all CPUs)",
             "rt": "stress-ng --cpu --sched fifo (RT hogs)"}
    dur = rows[0].get("duration_s")
    lines = ["### Stability: false failovers in %s s" % dur, "",
             "The Backup becoming Active while the Active is healthy; one "
             "pair of routers at a time, each load for the same time. `*`: "
             "not back in the steady state when the load ended. In brackets "
             "(vrrp.ko): the Backup's late advertisements, each an "
             "Active_Down_Timer that expired before the advertisement "
             "waiting to be received, caught by the recheck instead of "
             "becoming a false failover.", ""]
    hdr = "| implementation | interval | " + " | ".join(names.get(x, x) for x in loads) + " |"
    lines += [hdr, "|" + "---|" * (hdr.count("|") - 1)]
    idx = {(r["impl"], r["interval_ms"], r["load"]): r for r in rows}
    for i in impls:
        for ivl in sorted({r["interval_ms"] for r in rows}, reverse=True):
            if not any((i, ivl, x) in idx for x in loads):
                continue
            row = [IMPL_NAMES.get(i, i), "%d ms" % ivl]
            for x in loads:
                r = idx.get((i, ivl, x))
                if not r:
                    row.append("-")
                else:
                    late = r.get("late_adverts")
                    row.append("%d%s%s" % (r["false_failovers"],
                                           "" if r.get("steady_at_end") else "*",
                                           "" if late is None else " (%d)" % late))
            lines.append("| " + " | ".join(row) + " |")
    return lines + [""]


def scale_results(rows):
    base = next((r for r in rows if r["impl"] == "none"), None)
    res = []
    for r in rows:
        if r["impl"] == "none":
            continue
        if r.get("skipped"):
            res.append(dict(r, holds=False))
            continue
        e = dict(r)
        e["cpu_above_idle_ms_per_s"] = r["cpu_ms_per_s"] - r.get("base_ms_per_s", 0)
        e["holds"] = bool(r.get("converged") and r.get("false_failovers", 1) == 0
                          and r.get("steady_at_end"))
        n = 2 * r["count"]
        e["slab_kb_per_router"] = round(r.get("slab_kb", 0) / n, 2)
        e["mem_kb_per_router"] = round((r.get("slab_kb", 0)
                                        + r.get("daemon_pss_kb", 0)) / n, 2)
        res.append(e)
    largest = {}
    for e in res:
        k = (e["impl"], e["interval_ms"])
        if e["holds"]:
            largest[k] = max(largest.get(k, 0), e["count"])
        else:
            largest.setdefault(k, 0)
    return base, res, largest


def md_scale(base, res, largest, impls):
    if not res:
        return []
    counts = sorted({e["count"] for e in res})
    lines = ["### Cost and scale", "",
             "CPU time per second the guest spent on the routers (ms/s, 2 "
             "vCPUs = 2000), with N virtual routers on each of the two "
             "routers (VLAN interfaces, 250 per VLAN): the CPUs' time not "
             "idle (the kernel's idle accounting, exact where the tick's "
             "samples are not; softirq work counts wherever it runs), over "
             "the measured window; the idle guest measured %s ms/s (not "
             "subtracted: under TCG it varies from run to run); in "
             "brackets the daemons' own share, from their tasks' run time "
             "(schedstat), within it. Memory per router: the slab caches' "
             "active objects after a shrink (the module's objects and what "
             "the kernel keeps for them: filters, netdevs), plus the "
             "daemons' PSS; in brackets the slab part. `!`: did not "
             "converge (nc), or false failovers during the measurement "
             "(count given); a count after one that did not hold is "
             "skipped." % (base["cpu_ms_per_s"] if base else "?"), ""]
    hdr = ("| implementation | interval | " + " | ".join("N=%d" % c for c in counts)
           + " | largest N that holds | memory per router (KiB, slab) |")
    lines += [hdr, "|" + "---|" * (hdr.count("|") - 1)]
    idx = {(e["impl"], e["interval_ms"], e["count"]): e for e in res}
    for i in impls:
        for ivl in sorted({e["interval_ms"] for e in res}, reverse=True):
            if not any((i, ivl, c) in idx for c in counts):
                continue
            row = [IMPL_NAMES.get(i, i), "%d ms" % ivl]
            mem = "-"
            for c in counts:
                e = idx.get((i, ivl, c))
                if not e:
                    row.append("-")
                    continue
                if e.get("skipped"):
                    row.append("skipped")
                    continue
                cell = "%d" % e["cpu_ms_per_s"]
                if not i.startswith("vrrp"):
                    cell += " (%d)" % e.get("daemon_ms_per_s", 0)
                if not e["holds"]:
                    cell += " !%s" % ("" if e.get("converged") else "nc") + (
                        "%d" % e["false_failovers"] if e.get("false_failovers") else "")
                row.append(cell)
                if e["holds"] and c > 1:
                    mem = "%.1f (%.1f)" % (e["mem_kb_per_router"], e["slab_kb_per_router"])
            row.append("%d" % largest.get((i, ivl), 0))
            row.append(mem)
            lines.append("| " + " | ".join(row) + " |")
    return lines + [""]


def plot_outage(res, impls, field, path, ylabel):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ivls = sorted({r["interval_ms"] for r in res}, reverse=True)
    kinds = [k for k in ordered({r["kind"] for r in res}, list(KIND_TEXT))
             if not (field == "takeover_ms" and k in NO_TAKEOVER)]
    if not ivls or not kinds:
        return False
    idx = {(r["impl"], r["interval_ms"], r["kind"]): r for r in res}
    fig, axes = plt.subplots(1, len(ivls), figsize=(5 * len(ivls), 4.2), squeeze=False)
    w = 0.8 / max(1, len(impls))
    for ax, ivl in zip(axes[0], ivls):
        for j, impl in enumerate(impls):
            xs, ys, lo, hi = [], [], [], []
            for k, kind in enumerate(kinds):
                r = idx.get((impl, ivl, kind))
                s = r and r[field]
                if not s:
                    continue
                xs.append(k + (j - (len(impls) - 1) / 2) * w)
                ys.append(s["median"])
                lo.append(s["median"] - s["min"])
                hi.append(s["max"] - s["median"])
            ax.bar(xs, ys, w, yerr=[lo, hi], capsize=2,
                   color=IMPL_COLORS.get(impl), label=IMPL_NAMES.get(impl, impl))
        for k, kind in enumerate(kinds):
            f = rfc_floor_ms(kind, ivl)
            if f is not None:
                ax.hlines(f, k - 0.45, k + 0.45, colors="k", linestyles="dashed",
                          linewidth=1, label="RFC floor" if k == 0 else None)
        ax.set_title("interval %d ms" % ivl)
        ax.set_xticks(range(len(kinds)))
        ax.set_xticklabels([KIND_TEXT.get(k, k).replace(" ", "\n", 1) for k in kinds],
                           fontsize=8)
        ax.set_ylabel(ylabel)
        ax.grid(axis="y", alpha=0.3)
    handles, labels = axes[0][0].get_legend_handles_labels()
    uniq = dict(zip(labels, handles))
    fig.legend(uniq.values(), uniq.keys(), loc="upper center", ncol=len(uniq))
    fig.tight_layout(rect=(0, 0, 1, 0.92))
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return True


def plot_cpu(res, impls, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if not res:
        return False
    fig, ax = plt.subplots(figsize=(7, 4.5))
    styles = ["-", "--", ":", "-."]
    ivls = sorted({e["interval_ms"] for e in res}, reverse=True)
    for impl in impls:
        for n, ivl in enumerate(ivls):
            pts = sorted((e["count"], max(e["cpu_ms_per_s"], 0.5), e["holds"])
                         for e in res if e["impl"] == impl and e["interval_ms"] == ivl
                         and not e.get("skipped"))
            if not pts:
                continue
            ax.plot([p[0] for p in pts], [p[1] for p in pts], styles[n % 4], marker="o",
                    color=IMPL_COLORS.get(impl),
                    label="%s, %d ms" % (IMPL_NAMES.get(impl, impl), ivl))
            bad = [p for p in pts if not p[2]]
            if bad:
                ax.plot([p[0] for p in bad], [p[1] for p in bad], "x", color="red",
                        markersize=10)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("virtual routers (on each of two routers)")
    ax.set_ylabel("guest CPU ms per s (2 vCPUs)")
    ax.set_title("Cost (red x: false failovers or no convergence)")
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return True


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    raw, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    meta = (read_jsonl(raw, "meta") or [{}])[0]
    parts = read_jsonl(raw, "parts")
    outage_rows = read_jsonl(raw, "outage")
    stab_rows = read_jsonl(raw, "stability")
    scale_rows = read_jsonl(raw, "scale")
    impls = ordered({r["impl"] for r in outage_rows + stab_rows + scale_rows
                     if r.get("impl") not in (None, "none")}, list(IMPL_NAMES))

    ores = outage_results(raw, outage_rows)
    base, sres, largest = scale_results(scale_rows)
    plots = []
    try:
        if plot_outage(ores, impls, "outage_ms", os.path.join(out, "outage.png"),
                       "client outage, ms (median, min-max)"):
            plots.append("outage.png")
        if plot_outage(ores, impls, "takeover_ms", os.path.join(out, "takeover.png"),
                       "takeover from capture, ms"):
            plots.append("takeover.png")
        if plot_cpu(sres, impls, os.path.join(out, "cpu.png")):
            plots.append("cpu.png")
    except ImportError as e:
        print("report: no plots (%s)" % e, file=sys.stderr)

    md = ["# Failover benchmark: vrrp.ko, keepalived, FRR vrrpd", ""]
    md.append("Run %s on kernel %s, %s vCPUs, qemu TCG (emulated: absolute "
              "numbers are 5-10x worse than hardware; compare the "
              "implementations as ratios measured in the same run). "
              "keepalived: %s; FRR: %s; parameters: reps %s, stability %s s, "
              "scale window %s s." %
              (meta.get("date", "?"), meta.get("kernel", "?"), meta.get("cpus", "?"),
               meta.get("keepalived", "?"), meta.get("frr", "?"), meta.get("reps", "?"),
               meta.get("duration_s", "?"), meta.get("window_s", "?")))
    if meta.get("note"):
        md.append(meta["note"])
    if parts:
        md.append("Parts: " + ", ".join("%s %d s" % (p["part"], p["seconds"])
                                         for p in parts) + ".")
    md.append("")
    if ores:
        md += md_headline(ores, stab_rows, impls)
        md += md_planned(ores, impls)
        md += md_outage(ores, impls, "outage_ms",
                        "Outage seen by the client (ms): median (min-max)",
                        "1000 UDP probes/s from the client through the VIP to "
                        "the server; the outage is the longest gap between "
                        "answered probes with lost probes in it (0: none "
                        "lost). RFC floor: 3 x interval + Skew_Time for "
                        "failures, Skew_Time for planned handovers (Backup "
                        "priority 100); the client's outage of a failure can "
                        "be up to one interval shorter, as the failure comes "
                        "between two advertisements. Last columns: ratio of "
                        "medians.")
        md += md_outage(ores, impls, "takeover_ms",
                        "Takeover from the capture (ms): median (min-max)",
                        "The old Active's last advertisement to the new "
                        "Active's first, captured on the LAN bridge.")
    md += md_stability(stab_rows, impls)
    md += md_scale(base, sres, largest, impls)
    md += ["![%s](%s)" % (p, p) for p in plots] + [""]
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write("\n".join(md))
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"meta": meta, "parts": parts, "outage": ores,
                   "stability": stab_rows, "scale_idle": base, "scale": sres,
                   "scale_largest_holding": [
                       {"impl": k[0], "interval_ms": k[1], "count": v}
                       for k, v in sorted(largest.items())],
                   "plots": plots}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
