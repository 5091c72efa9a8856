#!/usr/bin/env python3
"""Deterministic sample data for the slogate examples.

    python3 examples/generate.py            # (re)writes examples/*/data/*
    python3 examples/generate.py --check    # regenerates into a temp dir and diffs

Standard library only. Every series has its own seeded PRNG
(random.Random(<fixed string>)), so re-running this script reproduces every
file byte for byte, and changing one series never shifts another.

Files are CSV `time,value` (RFC 3339 UTC) as `slogate eval --data NAME=FILE`
reads them, or a Prometheus `query_range` JSON response for series that carry
a `groupBy` label. Value meaning follows the series `kind` in the policy:
`rate` = per-second rate, `counter` = cumulative count, `increase` = events
since the previous sample, `gauge` = a level.

The incidents, gaps, resets and maintenance windows are listed next to each
generator; examples/README.md works out the budget arithmetic from them.
"""

import datetime as _dt
import filecmp
import json
import math
import os
import random
import shutil
import sys
import tempfile

MIN = 60
HOUR = 3600
DAY = 86400


def ts(text):
    """RFC 3339 UTC text -> epoch seconds."""
    d = _dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=_dt.timezone.utc)
    return int(d.timestamp())


def rfc(t):
    return _dt.datetime.fromtimestamp(t, _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def grid(start, end, step):
    """start, start+step, ..., <= end (epoch seconds)."""
    return list(range(ts(start), ts(end) + 1, step))


def in_span(t, start, end):
    """start < t <= end: the samples whose interval ends inside an incident."""
    return ts(start) < t <= ts(end)


def diurnal(t, amplitude):
    return 1.0 + amplitude * math.sin(2 * math.pi * ((t % DAY) / DAY - 0.25))


class Out:
    def __init__(self, root):
        self.root = root
        self.sizes = {}

    def _path(self, rel):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return path

    def csv(self, rel, rows, fmt):
        lines = ["time,value"]
        for t, v in rows:
            lines.append(rfc(t) + "," + fmt(v))
        text = "\n".join(lines) + "\n"
        with open(self._path(rel), "w", newline="\n") as f:
            f.write(text)
        self.sizes[rel] = len(text)

    def prom_json(self, rel, label, series, fmt):
        """series: [(label value, [(t, v), ...]), ...] -> query_range matrix."""
        result = []
        for value, rows in series:
            result.append({"metric": {label: value}, "values": [[t, fmt(v)] for t, v in rows]})
        doc = {"status": "success", "data": {"resultType": "matrix", "result": result}}
        text = json.dumps(doc, separators=(",", ":")) + "\n"
        with open(self._path(rel), "w", newline="\n") as f:
            f.write(text)
        self.sizes[rel] = len(text)


def f3(v):
    return "%.3f" % v


def f4(v):
    return "%.4f" % v


def f5(v):
    return "%.5f" % v


def fint(v):
    return "%d" % v


def gauge(out, rel, seed, times, lo, hi, fmt=f4, spikes=None):
    """A level uniformly in [lo, hi]; spikes = {epoch: value} overrides."""
    rng = random.Random(seed)
    rows = []
    for t in times:
        v = rng.uniform(lo, hi)
        if spikes and t in spikes:
            v = spikes[t]
        rows.append((t, v))
    out.csv(rel, rows, fmt)


# --------------------------------------------------------------------------
# 000 MTOS — Mahavishnu Task Orchestration System
# --------------------------------------------------------------------------
def mtos(out):
    d = "mtos/data/"
    # Task availability: 1-minute per-second rates over February 2026.
    # Outages (SEED 000, Appendix Example 1): Feb 5 15 min, Feb 15 8 min,
    # Feb 20 5 min. An outage minute has 2-8 % successes; a normal minute has
    # an error share in [0, 0.01 %], which is good even for the daily 99.98 %.
    outages = [
        ("2026-02-05T10:00:00Z", "2026-02-05T10:15:00Z"),  # database restart
        ("2026-02-15T16:20:00Z", "2026-02-15T16:28:00Z"),  # deployment rollback
        ("2026-02-20T14:00:00Z", "2026-02-20T14:05:00Z"),  # network issue
    ]
    rng_t = random.Random("mtos/availability_total")
    rng_g = random.Random("mtos/availability_good")
    good, total = [], []
    for t in grid("2026-02-01T00:00:00Z", "2026-02-28T23:59:00Z", MIN):
        n = 40.0 * diurnal(t, 0.25) + rng_t.uniform(-2.0, 2.0)
        if any(in_span(t, s, e) for s, e in outages):
            g = n * rng_g.uniform(0.02, 0.08)
        else:
            g = n * (1.0 - rng_g.uniform(0.0, 0.0001))
        total.append((t, n))
        good.append((t, g))
    out.csv(d + "availability_total.csv", total, f3)
    out.csv(d + "availability_good.csv", good, f3)

    # Latency percentiles (gauges, seconds), 30-minute samples from Jan 17 so
    # that every rolling 28-day window evaluated in February is covered.
    lat = grid("2026-01-17T00:00:00Z", "2026-02-28T23:30:00Z", 30 * MIN)
    spike = {ts("2026-02-05T10:00:00Z"): 0.9, ts("2026-02-05T10:30:00Z"): 0.75}
    gauge(out, d + "creation_p50.csv", "mtos/creation_p50", lat, 0.020, 0.035)
    gauge(out, d + "creation_p95.csv", "mtos/creation_p95", lat, 0.060, 0.085)
    gauge(out, d + "creation_p99.csv", "mtos/creation_p99", lat, 0.250, 0.425, spikes=spike)
    gauge(out, d + "query_p50.csv", "mtos/query_p50", lat, 0.005, 0.012)
    gauge(out, d + "query_p95.csv", "mtos/query_p95", lat, 0.040, 0.080)
    gauge(out, d + "query_p99.csv", "mtos/query_p99", lat, 0.100, 0.170)
    gauge(out, d + "approval_queue_depth.csv", "mtos/queue_depth", lat, 3, 40, fmt=lambda v: "%d" % v)
    gauge(out, d + "approval_queue_p99.csv", "mtos/queue_p99", lat, 600, 2400, fmt=lambda v: "%.1f" % v)

    # Semantic search: per-second rates, 30-minute samples.
    rng = random.Random("mtos/search")
    s_total, s_res, s_click = [], [], []
    for t in lat:
        n = 3.0 * diurnal(t, 0.3) + rng.uniform(-0.2, 0.2)
        s_total.append((t, n))
        s_res.append((t, n * rng.uniform(0.98, 0.99)))
        s_click.append((t, n * rng.uniform(0.80, 0.85)))
    out.csv(d + "search_total.csv", s_total, f4)
    out.csv(d + "search_with_results.csv", s_res, f4)
    out.csv(d + "search_clicked.csv", s_click, f4)

    # Workflow success, grouped by repository (Prometheus JSON, 30m rates).
    # session-buddy: an incident makes the samples of Feb 20 13:30 and 14:00
    # exactly 80 % successful (burn rate 4 against the 95 % objective).
    repos = ["akosha", "mahavishnu", "session-buddy"]
    base = {"akosha": 0.6, "mahavishnu": 1.1, "session-buddy": 0.8}
    wf_good, wf_total = [], []
    for repo in repos:
        rng = random.Random("mtos/workflow/" + repo)
        g_rows, n_rows = [], []
        for t in lat:
            n = base[repo] * diurnal(t, 0.2) * rng.uniform(0.95, 1.05)
            fail = rng.uniform(0.01, 0.02)
            if repo == "session-buddy" and in_span(t, "2026-02-20T13:00:00Z", "2026-02-20T14:00:00Z"):
                fail = 0.2
            n_rows.append((t, n))
            g_rows.append((t, n * (1.0 - fail)))
        wf_good.append((repo, g_rows))
        wf_total.append((repo, n_rows))
    out.prom_json(d + "workflow_completed.json", "repository", wf_good, f5)
    out.prom_json(d + "workflow_started.json", "repository", wf_total, f5)

    # Webhooks: raw cumulative counters every 15 minutes. The exporter
    # restarts at 2026-02-12T06:00Z: both counters restart from the
    # increments of that interval (a counter reset).
    rng = random.Random("mtos/webhooks")
    reset = ts("2026-02-12T06:00:00Z")
    rec_c, ok_c = 1204331, 1198870
    received, processed = [], []
    first = True
    for t in grid("2026-02-01T00:00:00Z", "2026-02-28T23:45:00Z", 15 * MIN):
        r = rng.randint(380, 520)
        fail = 1 if rng.random() < 0.4 else 0
        if first:
            first = False
        elif t == reset:
            rec_c, ok_c = r, r - fail
        else:
            rec_c += r
            ok_c += r - fail
        received.append((t, rec_c))
        processed.append((t, ok_c))
    out.csv(d + "webhooks_received.csv", received, fint)
    out.csv(d + "webhooks_processed.csv", processed, fint)


# --------------------------------------------------------------------------
# 001 AgentAsKit
# --------------------------------------------------------------------------
def agentaskit(out):
    d = "agentaskit/data/"
    # HTTP requests: 5-minute per-second rates, Dec 29 2025 .. Jan 31 2026.
    # Background error share 0.01-0.03 % (burn 0.1-0.3); fast burn Jan 30
    # 08:00-09:00 at 1.8-2.2 % (burn 18-22); slow burn Jan 31 00:00-06:00 at
    # 0.9-1.0 % (burn 9-10). Scrape gap: Jan 15 10:05, 10:10, 10:15 missing.
    rng = random.Random("agentaskit/http")
    gap = {ts("2026-01-15T10:05:00Z"), ts("2026-01-15T10:10:00Z"), ts("2026-01-15T10:15:00Z")}
    good, total = [], []
    for t in grid("2025-12-29T00:00:00Z", "2026-01-31T06:05:00Z", 5 * MIN):
        n = 1200.0 * diurnal(t, 0.15) * rng.uniform(0.99, 1.01)
        if in_span(t, "2026-01-30T08:00:00Z", "2026-01-30T09:00:00Z"):
            e = rng.uniform(0.018, 0.022)
        elif in_span(t, "2026-01-31T00:00:00Z", "2026-01-31T06:00:00Z"):
            e = rng.uniform(0.009, 0.010)
        else:
            e = rng.uniform(0.0001, 0.0003)
        if t in gap:
            continue
        total.append((t, n))
        good.append((t, n * (1.0 - e)))
    out.csv(d + "http_requests_total.csv", total, f3)
    out.csv(d + "http_requests_good.csv", good, f3)

    lat = grid("2025-12-29T00:00:00Z", "2026-01-31T06:00:00Z", 30 * MIN)
    # A latency regression: P95 above its 50 ms target for the samples of
    # 2026-01-29 14:00 and 14:30 (two bad 30-minute slices).
    slow = {ts("2026-01-29T14:00:00Z"): 0.071, ts("2026-01-29T14:30:00Z"): 0.083}
    gauge(out, d + "http_p95.csv", "agentaskit/p95", lat, 0.020, 0.040, spikes=slow)
    gauge(out, d + "http_p99.csv", "agentaskit/p99", lat, 0.050, 0.090)
    gauge(out, d + "startup_p95.csv", "agentaskit/startup_p95", lat, 0.040, 0.080)


# --------------------------------------------------------------------------
# 002 Orchestra — March 2025, calendar month in America/New_York (743 h:
# DST starts Sunday March 9).
# --------------------------------------------------------------------------
def orchestra(out):
    d = "orchestra/data/"
    # Uptime probe, 5-minute gauge (1 up, 0 down). Outage 2025-03-18
    # 02:00-06:00Z: the samples 02:05..06:00 are 0 (48 slices = 240 min).
    rows = []
    for t in grid("2025-03-01T00:00:00Z", "2025-03-18T06:00:00Z", 5 * MIN):
        rows.append((t, 0 if in_span(t, "2025-03-18T02:00:00Z", "2025-03-18T06:00:00Z") else 1))
    out.csv(d + "uptime.csv", rows, fint)

    # Everything else: 30-minute samples; no samples while the service is
    # down (02:30..05:30 on March 18 are missing).
    down = lambda t: ts("2025-03-18T02:00:00Z") < t < ts("2025-03-18T06:00:00Z")
    lat = [t for t in grid("2025-03-01T00:00:00Z", "2025-03-18T06:00:00Z", 30 * MIN) if not down(t)]
    gauge(out, d + "session_init_p95.csv", "orchestra/init", lat, 0.8, 1.6)
    gauge(out, d + "agent_response_p50.csv", "orchestra/resp50", lat, 10, 25, fmt=f3)
    gauge(out, d + "agent_response_p95.csv", "orchestra/resp95", lat, 35, 55, fmt=f3)
    gauge(out, d + "agent_response_p99.csv", "orchestra/resp99", lat, 70, 110, fmt=f3)
    gauge(out, d + "file_generation_avg.csv", "orchestra/filegen", lat, 4, 8, fmt=f3)
    gauge(out, d + "audit_per_file_avg.csv", "orchestra/audit", lat, 10, 25, fmt=f3)
    gauge(out, d + "recovery_cycle_p99.csv", "orchestra/recovery", lat, 120, 280, fmt=f3)
    gauge(out, d + "session_completion_p50.csv", "orchestra/session", lat, 180, 420, fmt=f3)
    gauge(out, d + "provider_fallback_p99.csv", "orchestra/fallback", lat, 1.0, 3.5, fmt=f3)

    # Cache hits 85-92 % of lookups, but half of them for the samples of
    # 2025-03-14 10:00 and 10:30 (a cache flush): "Low Cache Hit Rate" < 60 %.
    rng = random.Random("orchestra/cache")
    flush = {ts("2025-03-14T10:00:00Z"), ts("2025-03-14T10:30:00Z")}
    lookups, hits = [], []
    for t in lat:
        n = 4.0 * diurnal(t, 0.4) * rng.uniform(0.9, 1.1)
        share = rng.uniform(0.85, 0.92)
        lookups.append((t, n))
        hits.append((t, n * (0.5 if t in flush else share)))
    out.csv(d + "cache_lookups.csv", lookups, f4)
    out.csv(d + "cache_hits.csv", hits, f4)

    # Recovery: files per 30 minutes (kind increase).
    rng = random.Random("orchestra/recovery_files")
    attempted, recovered = [], []
    for t in lat:
        a = rng.randint(3, 9)
        failed = 1 if rng.random() < 0.05 else 0
        attempted.append((t, a))
        recovered.append((t, a - failed))
    out.csv(d + "recovery_attempted.csv", attempted, fint)
    out.csv(d + "recovery_recovered.csv", recovered, fint)


# --------------------------------------------------------------------------
# 003 Astra — rolling 30 days, June 2026.
# --------------------------------------------------------------------------
def astra(out):
    d = "astra/data/"
    t10 = grid("2026-05-11T00:00:00Z", "2026-06-13T00:00:00Z", 10 * MIN)
    # Uptime check: one failed probe at 2026-06-05T09:10Z (one 10-minute slice).
    out.csv(d + "api_up.csv", [(t, 0 if t == ts("2026-06-05T09:10:00Z") else 1) for t in t10], fint)
    # Read p99: a synchronous Postgres read slipped onto a hot path on
    # 2026-06-11 14:00-20:00Z: samples 14:10..20:00 (36 slices) at 12-18 ms.
    rng = random.Random("astra/read_p99")
    rows = []
    for t in t10:
        v = rng.uniform(0.003, 0.007)
        if in_span(t, "2026-06-11T14:00:00Z", "2026-06-11T20:00:00Z"):
            v = 0.012 + v
        rows.append((t, v))
    out.csv(d + "read_p99.csv", rows, f5)

    t30 = grid("2026-05-11T00:00:00Z", "2026-06-13T00:00:00Z", 30 * MIN)
    gauge(out, d + "scheduling_p50.csv", "astra/sched50", t30, 0.020, 0.040)
    gauge(out, d + "scheduling_p95.csv", "astra/sched95", t30, 0.150, 0.400)
    gauge(out, d + "failure_detection_p99.csv", "astra/detect", t30, 10, 25, fmt=f3)
    gauge(out, d + "audit_log_lag_max.csv", "astra/lag", t30, 0.1, 0.6)
    rng = random.Random("astra/tasks")
    ok, failed = [], []
    for t in t30:
        g = 65.0 * diurnal(t, 0.2) * rng.uniform(0.9, 1.1)
        f = rng.uniform(0.002, 0.004)
        ok.append((t, g))
        failed.append((t, g * f / (1.0 - f)))
    out.csv(d + "tasks_succeeded.csv", ok, f4)
    out.csv(d + "tasks_failed.csv", failed, f5)


# --------------------------------------------------------------------------
# 004 AI slot build pipeline — rolling 7 days, Europe/Moscow maintenance.
# --------------------------------------------------------------------------
def ai_slot_build(out):
    d = "ai-slot-build/data/"
    # Raw cumulative job counters every 5 minutes (kind counter), 2-4 jobs
    # per 5 minutes. Failures:
    #   one background failure a day, in the interval ending 09:20Z;
    #   2026-03-01 00:15-01:45Z all jobs fail: mirror rebuild inside the
    #     Sunday 03:00-05:00 MSK maintenance window (RRULE exclusion);
    #   2026-03-02 12:10-13:00Z all jobs fail: cache incident (15:10-16 MSK);
    #   2026-03-03 18:10-18:50Z all jobs fail: planned registry migration
    #     (inside the one-off exclusion 21:00-22:00 MSK = 18:00-19:00Z);
    #   2026-03-04 10:00-10:40Z all jobs fail: build-ref incident.
    # The worker restarts at 2026-03-03T06:00Z: both counters reset.
    all_fail = [
        ("2026-03-01T00:15:00Z", "2026-03-01T01:45:00Z"),
        ("2026-03-02T12:10:00Z", "2026-03-02T13:00:00Z"),
        ("2026-03-03T18:10:00Z", "2026-03-03T18:50:00Z"),
        ("2026-03-04T10:00:00Z", "2026-03-04T10:40:00Z"),
    ]
    rng = random.Random("ai-slot-build/jobs")
    reset = ts("2026-03-03T06:00:00Z")
    tot_c, ok_c = 48211, 47935
    total, succeeded = [], []
    first = True
    for t in grid("2026-02-20T00:00:00Z", "2026-03-05T00:00:00Z", 5 * MIN):
        n = rng.randint(2, 4)
        if any(in_span(t, s, e) for s, e in all_fail):
            bad = n
        elif t % DAY == 9 * HOUR + 20 * MIN:
            bad = 1
        else:
            bad = 0
        if first:
            first = False
        elif t == reset:
            tot_c, ok_c = n, n - bad
        else:
            tot_c += n
            ok_c += n - bad
        total.append((t, tot_c))
        succeeded.append((t, ok_c))
    out.csv(d + "build_jobs_total.csv", total, fint)
    out.csv(d + "build_jobs_succeeded.csv", succeeded, fint)


def generate(root):
    out = Out(root)
    mtos(out)
    agentaskit(out)
    orchestra(out)
    astra(out)
    ai_slot_build(out)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    if "--check" in sys.argv[1:]:
        tmp = tempfile.mkdtemp(prefix="slogate-examples-")
        try:
            out = generate(tmp)
            bad = [rel for rel in sorted(out.sizes) if not filecmp.cmp(os.path.join(tmp, rel), os.path.join(here, rel), shallow=False)]
            if bad:
                print("differs from the committed data: " + ", ".join(bad))
                sys.exit(1)
            print("%d files reproduced byte for byte" % len(out.sizes))
        finally:
            shutil.rmtree(tmp)
        return
    out = generate(here)
    total = sum(out.sizes.values())
    print("%d files, %.2f MB" % (len(out.sizes), total / 1e6))


if __name__ == "__main__":
    main()
