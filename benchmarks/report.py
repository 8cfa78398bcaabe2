#!/usr/bin/env python3
"""Turns JMH's JSON (run with -prof gc -rf json) into the Markdown tables of README.md.

Usage: python3 benchmarks/report.py results.json > table.md

Ratios are computed from benchmarks measured in the same run; the targets are issue 14's.
"""
import json
import sys

PREFIX = "io.github.obskit.benchmarks."


def load(path):
    with open(path) as f:
        runs = json.load(f)
    results = {}
    for run in runs:
        name = run["benchmark"][len(PREFIX):]
        primary = run["primaryMetric"]
        alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        results[name] = {
            "ns": primary["score"],
            "err": primary["scoreError"],
            "bytes": alloc,
            "threads": run["threads"],
            "forks": run["forks"],
            "warmup": "%d x %s" % (run["warmupIterations"], run["warmupTime"]),
            "measurement": "%d x %s" % (run["measurementIterations"], run["measurementTime"]),
        }
    return runs, results


def error(r):
    """The 99.9% half-interval JMH reports; 0 when it could not compute one."""
    e = r["err"]
    return e if isinstance(e, (int, float)) and e == e else 0.0


def fmt_ns(value):
    return "%.1f" % value if value < 1000 else "%.0f" % value


def fmt_bytes(value):
    if value is None:
        return "n/a"
    return "0" if value < 0.5 else "%.0f" % value


def results_table(results):
    lines = ["| benchmark | threads | ns/op (± 99.9%) | B/op | warm-up | measurement | forks |",
             "|---|---|---|---|---|---|---|"]
    for name in sorted(results):
        r = results[name]
        err = error(r)
        lines.append("| `%s` | %d | %s ± %s | %s | %s | %s | %d |" % (
            name, r["threads"], fmt_ns(r["ns"]), fmt_ns(err), fmt_bytes(r["bytes"]),
            r["warmup"], r["measurement"], r["forks"]))
    return "\n".join(lines)


def targets_table(results):
    rows = []

    def get(name):
        return results.get(name)

    def ratio(target_name, subject, baseline, limit, bytes_limit=None, extra_bytes_limit=None):
        s, b = get(subject), get(baseline)
        if s is None or b is None:
            rows.append((target_name, "`%s` / `%s`" % (subject, baseline), "not measured", "-", "-"))
            return
        value = s["ns"] / b["ns"]
        met = value <= limit
        s_err, b_err = error(s), error(b)
        low = (s["ns"] - s_err) / (b["ns"] + b_err)
        high = (s["ns"] + s_err) / max(b["ns"] - b_err, 1e-9)
        detail = "%.2fx [%.2f-%.2f] (%s / %s ns)" % (value, low, high, fmt_ns(s["ns"]), fmt_ns(b["ns"]))
        noisy = low <= limit <= high
        target = "<= %.2fx" % limit
        bytes_ok = True
        if bytes_limit is not None:
            bytes_ok = (s["bytes"] or 0) <= bytes_limit
            met = met and bytes_ok
            detail += ", %s B/op" % fmt_bytes(s["bytes"])
            target += ", 0 B/op"
        if extra_bytes_limit is not None:
            extra = (s["bytes"] or 0) - (b["bytes"] or 0)
            bytes_ok = bytes_ok and extra <= extra_bytes_limit
            met = met and bytes_ok
            detail += ", %+.0f B/op" % extra
            target += ", <= +%d B/op" % extra_bytes_limit
        if limit == float("inf"):
            target, verdict = "reported only", "-"
        else:
            verdict = "met" if met else "**not met**"
            if noisy and bytes_ok:
                verdict += " (within error)"
        rows.append((target_name, "`%s` / `%s`" % (subject, baseline), target, detail, verdict))

    def absolute(target_name, subject, ns_limit, bytes_limit):
        s = get(subject)
        if s is None:
            rows.append((target_name, "`%s`" % subject, "not measured", "-", "-"))
            return
        met = s["ns"] <= ns_limit and (s["bytes"] or 0) <= bytes_limit
        rows.append((target_name, "`%s`" % subject, "<= %d ns, 0 B/op" % ns_limit,
                     "%s ns, %s B/op" % (fmt_ns(s["ns"]), fmt_bytes(s["bytes"])),
                     "met" if met else "**not met**"))

    timer_bearing = "timer-bearing typed call <= 1.2x the same pre-bound meters, 0 B/op"
    for name in ("TypedRecorderBenchmarks.uploadRequest", "TypedRecorderBenchmarks.ragQuery",
                 "TypedRecorderBenchmarks.chunkRetrieved", "TypedRecorderBenchmarks.llmRequest"):
        ratio(timer_bearing, name, name + "PreBound", 1.2, bytes_limit=0.5)
    counter_only = "counter-only typed call <= 2x a pre-bound counter, 0 B/op"
    ratio(counter_only, "TypedRecorderBenchmarks.documentProcessed",
          "TypedRecorderBenchmarks.documentProcessedPreBound", 2.0, bytes_limit=0.5)
    ratio(counter_only, "FamilyBenchmarks.closedSetCounter",
          "FamilyBenchmarks.closedSetCounterPreBound", 2.0, bytes_limit=0.5)
    ratio("(2 threads, one series; reported, no target)", "FamilyBenchmarks.closedSetCounter2Threads",
          "FamilyBenchmarks.closedSetCounterPreBound2Threads", float("inf"), bytes_limit=0.5)
    absolute("bounded tag, value seen", "FamilyBenchmarks.boundedSeen", 25, 0.5)
    s = get("FamilyBenchmarks.boundedOverflow")
    if s is not None:
        rows.append(("every recording 0 B/op, the overflow path included",
                     "`FamilyBenchmarks.boundedOverflow`", "0 B/op",
                     "%s ns, %s B/op" % (fmt_ns(s["ns"]), fmt_bytes(s["bytes"])),
                     "met" if (s["bytes"] or 0) <= 0.5 else "**not met**"))
    off = "facade, logger off, no-op tracing <= 1.3x (bare recorder + raw OTel no-op span)"
    ratio(off, "FacadeBenchmarks.uploadProcessingLoggerOff", "FacadeBenchmarks.uploadProcessingBareNoLog", 1.3)
    ratio(off, "FacadeBenchmarks.ragQueryLoggerOff", "FacadeBenchmarks.ragQueryBareNoLog", 1.3)
    ratio(off, "FacadeBenchmarks.genAiCall", "FacadeBenchmarks.genAiCallBare", 1.3)
    on = "facade, log event on <= 1.1x (bare recorder + no-op span + raw logback, same fields)"
    ratio(on, "FacadeBenchmarks.uploadProcessingLoggerOn", "FacadeBenchmarks.uploadProcessingBareWithLog", 1.1)
    ratio(on, "FacadeBenchmarks.ragQueryLoggerOn", "FacadeBenchmarks.ragQueryBareWithLog", 1.1)
    ratio("structured log event <= 1.1x the raw path, at most 64 B more",
          "LoggingBenchmarks.structuredEvent", "LoggingBenchmarks.rawLogback", 1.1, extra_bytes_limit=64)
    ratio("faster than a peer: per-call `registry.counter` (LangChain4j's way)",
          "FamilyBenchmarks.closedSetCounter", "MetricBaselines.registryCounterPerCall", 1.0)
    ratio("faster than a peer: Observation + DefaultMeterObservationHandler (Spring AI's way)",
          "FacadeBenchmarks.ragQueryLoggerOff", "PeerBenchmarks.observationWithMeterHandler", 1.0)

    lines = ["Ratios are subject / baseline; in brackets the range the two 99.9% intervals allow.",
             "",
             "| target | measured (subject / baseline) | target | result | verdict |",
             "|---|---|---|---|---|"]
    for row in rows:
        lines.append("| %s | %s | %s | %s | %s |" % row)
    return "\n".join(lines)


def main():
    runs, results = load(sys.argv[1])
    vm = runs[0]
    print("JDK %s (%s), JMH %s, `-prof gc`, %s." % (
        vm.get("vmVersion", "?"), vm.get("vmName", "?"), vm.get("jmhVersion", "?"),
        " ".join(vm.get("jvmArgs", [])) or "no extra JVM arguments"))
    print()
    print("### Results")
    print()
    print(results_table(results))
    print()
    print("### Targets (ratios from this run)")
    print()
    print(targets_table(results))


if __name__ == "__main__":
    main()
