#!/usr/bin/env python3
"""Scaling curve: careplace solve end to end against the number of children.

For each size: careplace generate (seed 1, no side constraints unless
--side), then careplace solve --timings under /usr/bin/time; records the
phases (read, formulate, plan, report, write), wall time and peak memory in
results.csv and draws scaling.svg (log-log). Usage:
  Benchmarks/scaling/run.py [--sizes 300,1000,3000,10000,20000,50000] [--careplace PATH]
"""
import argparse, csv, math, os, re, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))

def svg(rows, path):
    w, h, l, b, t, r = 640, 360, 60, 40, 20, 150
    xs = [row["children"] for row in rows]
    series = [("end to end (s)", "wall", "#1b6ca8"), ("plan (s)", "plan", "#e07a1f"), ("read + formulate (s)", "readform", "#3a9d5d"),
              ("peak memory (GB)", "memgb", "#7b5ea7")]
    for row in rows:
        row["readform"] = row["read"] + row["formulate"]
        row["memgb"] = row["peak_mb"] / 1024
    vals = [row[k] for row in rows for _, k, _ in series if row[k] > 0]
    x0, x1 = math.log10(min(xs)) - 0.1, math.log10(max(xs)) + 0.1
    y0, y1 = math.floor(math.log10(min(vals))), math.ceil(math.log10(max(vals)))
    X = lambda x: l + (math.log10(x) - x0) / (x1 - x0) * (w - l - r)
    Y = lambda y: t + (y1 - math.log10(max(y, 10 ** y0))) / (y1 - y0) * (h - t - b)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="11">',
           f'<rect width="{w}" height="{h}" fill="white"/>']
    for e in range(y0, y1 + 1):
        out.append(f'<line x1="{l}" x2="{w - r}" y1="{Y(10 ** e):.1f}" y2="{Y(10 ** e):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{l - 6}" y="{Y(10 ** e) + 4:.1f}" text-anchor="end">{10 ** e:g}</text>')
    for x in xs:
        out.append(f'<line x1="{X(x):.1f}" x2="{X(x):.1f}" y1="{t}" y2="{h - b}" stroke="#eee"/>')
        out.append(f'<text x="{X(x):.1f}" y="{h - b + 15}" text-anchor="middle">{x:,}</text>')
    out.append(f'<text x="{(l + w - r) / 2}" y="{h - 5}" text-anchor="middle">children waiting (log)</text>')
    for k, (label, key, colour) in enumerate(series):
        pts = " ".join(f"{X(row['children']):.1f},{Y(row[key]):.1f}" for row in rows if row[key] > 0)
        out.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for row in rows:
            if row[key] > 0:
                out.append(f'<circle cx="{X(row["children"]):.1f}" cy="{Y(row[key]):.1f}" r="3" fill="{colour}"/>')
        out.append(f'<rect x="{w - r + 10}" y="{t + 18 * k}" width="12" height="4" fill="{colour}"/>')
        out.append(f'<text x="{w - r + 26}" y="{t + 18 * k + 6}">{label}</text>')
    out.append("</svg>")
    open(path, "w").write("\n".join(out) + "\n")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="300,1000,3000,10000,20000,50000")
    ap.add_argument("--side", action="store_true")
    ap.add_argument("--careplace")
    args = ap.parse_args()
    exe = args.careplace
    if not exe:
        p = subprocess.run(["swift", "build", "-c", "release", "--product", "careplace", "--scratch-path", ".build-release"], cwd=root)
        if p.returncode != 0:
            sys.exit("release build failed")
        exe = os.path.join(root, ".build-release", "release", "careplace")
    work = tempfile.mkdtemp(prefix="careplace-scaling-")
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        d = os.path.join(work, str(n))
        gen = [exe, "generate", "--cases", str(n), "--seed", "1", "--out", d, "--force"] + (["--siblings", "--conflicts", "--pins"] if args.side else [])
        subprocess.run(gen, check=True, capture_output=True)
        p = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M", exe, "solve", "--timings", "--no-explanations", "--landscape", os.path.join(d, "landscape.yaml"),
                            "--cases", os.path.join(d, "cases.csv"), "--out", os.path.join(d, "out")], capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(p.stderr)
        phases = dict((k, float(v)) for k, v in re.findall(r"(\w+) ([0-9.]+)", p.stderr.split("timings (s):")[1].split("\n")[0]))
        wall, kb = re.search(r"TIME ([0-9.]+) (\d+)", p.stderr).groups()
        row = dict(children=n, wall=float(wall), peak_mb=int(kb) / 1024, **phases)
        rows.append(row)
        print(f"{n}: {row}", file=sys.stderr)
        with open(os.path.join(here, "results.csv"), "w", newline="") as f:
            wr = csv.DictWriter(f, fieldnames=["children", "wall", "peak_mb", "read", "formulate", "plan", "report", "write"])
            wr.writeheader()
            for r in rows:
                wr.writerow({k: (round(r[k], 3) if isinstance(r[k], float) else r[k]) for k in wr.fieldnames})
        svg([dict(r) for r in rows], os.path.join(here, "scaling.svg"))

if __name__ == "__main__":
    main()
