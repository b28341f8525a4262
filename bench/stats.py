#!/usr/bin/env python3
"""Helpers of run.sh: reading times out of Maven and GC logs, and the markdown report.

  stats.py goal-ms LOG GOAL     ms from the Maven log's '--- ...:GOAL' header to the next header or separator
  stats.py upload-s LOG         the upload time octopus:push logs ('... in 12.3 s (...)'), summed
  stats.py gc-peak-mb GCLOG     the largest heap occupancy before a GC or at exit, from -Xlog:gc,gc+heap+exit
  stats.py strip-plugin POM     the pom without the octopus-maven-plugin block, on stdout
  stats.py report RESULTS.tsv MACHINE.txt   the markdown tables, from the measurements
"""
import re
import statistics
import sys
from datetime import datetime

STAMP = re.compile(r"^(\d\d:\d\d:\d\d\.\d\d\d) ")


def stamp(line):
    m = STAMP.match(line)
    return datetime.strptime(m.group(1), "%H:%M:%S.%f") if m else None


def goal_ms(log, goal):
    start = None
    for line in open(log, errors="replace"):
        t = stamp(line)
        if t is None:
            continue
        if start is None:
            if re.search(r"--- \S*:%s \(" % re.escape(goal), line):
                start = t
        elif re.search(r"\[INFO\] (--- |-{20,}|BUILD )", line):
            ms = (t - start).total_seconds() * 1000
            return int(ms if ms >= 0 else ms + 86_400_000)
    return ""


def upload_s(log):
    times = [float(m.group(1)) for m in re.finditer(r"\): \S.* in (\d+(?:\.\d+)?) s \(", open(log).read())]
    return "%.2f" % sum(times) if times else ""


def gc_peak_mb(gclog):
    peak = 0.0
    units = {"K": 1 / 1024, "M": 1, "G": 1024}
    for line in open(gclog, errors="replace"):
        for m in re.finditer(r"(\d+)([KMG])->\d+[KMG]\(\d+[KMG]\)", line):
            peak = max(peak, int(m.group(1)) * units[m.group(2)])
        m = re.search(r"garbage-first heap\s+total \d+K, used (\d+)K", line)
        if m:
            peak = max(peak, int(m.group(1)) / 1024)
    return "%.0f" % peak


# ------------------------------------------------------------------------------------------- report

def load(tsv):
    rows = []
    for line in open(tsv):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        f += [""] * (9 - len(f))
        rows.append(dict(scenario=f[0], tool=f[1], run=int(f[2]), wall_ms=int(f[3]), rss_kb=int(f[4] or 0),
                         inner=f[5], size=f[6], gc=f[7], cpu_ms=f[8]))
    return rows


class Series:
    def __init__(self, rows):
        self.rows = [r for r in rows if r["run"] > 0]  # run 0 is the warm-up

    def __bool__(self):
        return bool(self.rows)

    def med(self, key):
        values = [float(r[key]) for r in self.rows if r[key] not in ("", None)]
        return statistics.median(values) if values else None

    def wall(self):
        return self.med("wall_ms") / 1000

    def spread(self):
        w = [r["wall_ms"] / 1000 for r in self.rows]
        return "%.2f–%.2f (%d)" % (min(w), max(w), len(w))

    def cpu(self):
        c = self.med("cpu_ms")
        return c / 1000 if c is not None else None

    def rss_mb(self):
        return self.med("rss_kb") / 1024

    def size_mb(self):
        s = self.med("size")
        return s / 1e6 if s is not None else None


def fmt(x, digits=2):
    return "—" if x is None else ("%." + str(digits) + "f") % x


def times(x):
    return "—" if x is None else "%.2f×" % x


def verdict(ok):
    return "met" if ok else "**missed**"


def report(tsv, machine):
    rows = load(tsv)

    def series(scenario, tool):
        return Series([r for r in rows if r["scenario"] == scenario and r["tool"] == tool])

    out = ["## Machine", "", open(machine).read().strip(), ""]
    out += ["Each figure is the median of the runs counted in brackets, warm-up runs left out; the tools ran "
            "interleaved, run by run, "
            "so load from other processes hits them alike. Wall times are end to end (for Maven: JVM start, "
            "model building, the goal); *goal only* is the time between the goal's first and next log line. "
            "CPU s is user + system time of the process (all its threads): load from other processes disturbs it "
            "least. Peak RSS is the process's VmHWM as GNU time reports it. Speed-up = the standard tool's median "
            "time / ours (above 1: ours is faster). MB = 10^6 bytes." , ""]

    if any(r["scenario"] in ("app", "web", "big") for r in rows):
        out += ["## Pack", ""]
    out += [
            "| Tree | Tool | Wall s (median) | min–max (runs) | Goal only s | CPU s | Peak RSS MB | Output MB | Speed-up vs "
            "the standard tool: end to end / goal only / net |",
            "|---|---|---:|---:|---:|---:|---:|---:|---|"]
    names = {"app": "(a) app: 40 MB jar + scripts", "web": "(b) web: 5,000 text files", "big": "(c) one 1 GiB file"}
    targets = []
    for scenario in ("app", "web", "big"):
        if not series(scenario, "zip"):
            continue
        for std, ours, label_std, label_ours in (("zip", "octopus-zip", "`zip -r -6`", "`octopus:pack` zip"),
                                                 ("tar", "octopus-tgz", "`tar czf`", "`octopus:pack` tar.gz")):
            s, o = series(scenario, std), series(scenario, ours)
            if not s or not o:
                continue
            goal = o.med("inner")
            goal_s = goal / 1000 if goal is not None else None
            base = series(scenario, "mvn-skip")
            net_s = o.wall() - base.wall() if base else None
            e2e, only = s.wall() / o.wall(), (s.wall() / goal_s if goal_s else None)
            net = s.wall() / net_s if net_s and net_s > 0 else None
            # CPU time is what load disturbs least: the standard tool's against ours less Maven's own.
            net_cpu_s = o.cpu() - base.cpu() if base and o.cpu() is not None and base.cpu() is not None else None
            cpu = s.cpu() / net_cpu_s if net_cpu_s and net_cpu_s > 0 and s.cpu() is not None else None
            out.append("| %s | %s | %s | %s | — | %s | %s | %s | |" % (
                names[scenario], label_std, fmt(s.wall()), s.spread(), fmt(s.cpu()), fmt(s.rss_mb(), 0),
                fmt(s.size_mb(), 1)))
            out.append("| | %s | %s | %s | %s | %s | %s | %s | **%s** / %s / %s |" % (
                label_ours, fmt(o.wall()), o.spread(), fmt(goal_s), fmt(o.cpu()), fmt(o.rss_mb(), 0), fmt(o.size_mb(), 1),
                times(e2e), times(only), times(net)))
            measured = "%s end to end, %s goal only, %s net of Maven; CPU time net of Maven: %s" % (
                times(e2e), times(only), times(net), times(cpu))
            if std == "zip" and scenario in ("app", "web"):
                targets.append(("pack zip ≥ 1.5× faster than `zip -r -6` on %s" % names[scenario], measured,
                                e2e >= 1.5))
            if std == "tar":
                targets.append(("pack tar.gz no slower than `tar czf` on %s" % names[scenario], measured,
                                e2e >= 1.0))
        b = series(scenario, "mvn-skip")
        if b:
            out.append("| | plain Maven, same build with `-Doctopus.skip` | %s | %s | — | %s | %s | — | |" % (
                fmt(b.wall()), b.spread(), fmt(b.cpu()), fmt(b.rss_mb(), 0)))
    out.append("")

    push = [(p, t) for p in ("app", "big") for t in ("curl", "octopus-push")]
    if any(series("push-" + p, t) for p, t in push):
        out += ["## Push (loopback, to the project's test server)", "",
                "| Package | Tool | Wall s (median) | min–max (runs) | MB/s end to end | Upload only s (MB/s) | CPU s | "
                "Peak RSS MB | Peak heap MB | Throughput vs curl |",
                "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
        for p in ("app", "big"):
            c, o = series("push-" + p, "curl"), series("push-" + p, "octopus-push")
            if not c or not o:
                continue
            size = c.size_mb()
            label = "%s (%.0f MB zip)" % ("(a) app" if p == "app" else "(c) big", size)
            out.append("| %s | `curl -F` | %s | %s | %s | — | %s | %s | — | |" % (
                label, fmt(c.wall()), c.spread(), fmt(size / c.wall(), 0), fmt(c.cpu()), fmt(c.rss_mb(), 0)))
            up = o.med("inner")
            ratio = c.wall() / o.wall()
            ratio_up = c.wall() / up if up else None
            out.append("| | `octopus:push`, MAVEN_OPTS=-Xmx128m | %s | %s | %s | %s (%s) | %s | %s | %s | **%s** / %s upload only |" % (
                fmt(o.wall()), o.spread(), fmt(size / o.wall(), 0), fmt(up), fmt(size / up if up else None, 0),
                fmt(o.cpu()), fmt(o.rss_mb(), 0), fmt(o.med("gc"), 0), times(ratio), times(ratio_up)))
            if p == "big":
                targets.append(("push ≥ 0.9× curl's throughput (1 GiB package)",
                                "%s end to end, %s upload only" % (times(ratio), times(ratio_up)), ratio >= 0.9))
        a, g = series("push-app", "octopus-push"), series("push-big", "octopus-push")
        if a and g:
            grow = g.rss_mb() - a.rss_mb()
            targets.append(("push heap does not grow with package size (-Xmx128m)",
                            "peak heap %s MB (%.0f MB zip) vs %s MB (%.0f MB zip); RSS %s vs %s MB" % (
                                fmt(a.med("gc"), 0), series("push-app", "curl").size_mb(), fmt(g.med("gc"), 0),
                                series("push-big", "curl").size_mb(), fmt(a.rss_mb(), 0), fmt(g.rss_mb(), 0)),
                            g.med("gc") <= max(a.med("gc") * 1.25, a.med("gc") + 16) and grow < 64))
        out.append("")

    w, s, p = series("overhead", "package"), series("overhead", "package-skip"), series("overhead", "package-plain")
    if w and s and p:
        goal, skip_goal = w.med("inner"), s.med("inner")
        out += ["## Overhead on `mvn clean package` of examples/hello-service", "",
                "| Build | Wall s (median) | min–max (runs) | pack goal s (from the log) | CPU s | Peak RSS MB | "
                "vs with the plugin |",
                "|---|---:|---:|---:|---:|---:|---:|",
                "| with the plugin (pack: zip + tar.gz) | %s | %s | %s | %s | %s | |" % (
                    fmt(w.wall()), w.spread(), fmt(goal / 1000 if goal else None), fmt(w.cpu()), fmt(w.rss_mb(), 0)),
                "| `-Doctopus.skip` (plugin loaded, goal skipped) | %s | %s | %s | %s | %s | **%+.2f s** |" % (
                    fmt(s.wall()), s.spread(), fmt(skip_goal / 1000 if skip_goal else None), fmt(s.cpu()),
                    fmt(s.rss_mb(), 0), w.wall() - s.wall()),
                "| pom without the plugin | %s | %s | — | %s | %s | **%+.2f s** |" % (
                    fmt(p.wall()), p.spread(), fmt(p.cpu()), fmt(p.rss_mb(), 0), w.wall() - p.wall()), ""]
        targets.append(("plugin overhead ≤ 0.5 s per module beyond the archiving",
                        "%s s vs `-Doctopus.skip`, %s s vs a pom without the plugin (both include archiving "
                        "hello-service's 2-entry packages)" % (fmt(w.wall() - s.wall()), fmt(w.wall() - p.wall())),
                        w.wall() - p.wall() <= 0.5))

    if targets:
        out += ["## Targets of issue 6", "", "| Target | Measured | |", "|---|---|---|"]
        out += ["| %s | %s | %s |" % (t, m, verdict(ok)) for t, m, ok in targets]
        out.append("")
    return "\n".join(out)


def main():
    cmd = sys.argv[1]
    if cmd == "goal-ms":
        print(goal_ms(sys.argv[2], sys.argv[3]))
    elif cmd == "upload-s":
        print(upload_s(sys.argv[2]))
    elif cmd == "gc-peak-mb":
        print(gc_peak_mb(sys.argv[2]))
    elif cmd == "strip-plugin":
        pom = open(sys.argv[2]).read()
        stripped = re.sub(r"\s*<plugin>\s*<groupId>io\.github\.octomvn</groupId>.*?</plugin>", "", pom, flags=re.S)
        if stripped == pom:
            sys.exit("no octopus-maven-plugin block in " + sys.argv[2])
        print(stripped)
    elif cmd == "report":
        print(report(sys.argv[2], sys.argv[3]))
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
