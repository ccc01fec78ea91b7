#!/usr/bin/env python3
"""careplace side by side with HiGHS and glpsol on the same placement models.

For each size: generate an instance (careplace generate), export its full
model (careplace export --mps), then time
  - careplace solve, end to end (read, plan, write), as a coordinator runs it;
  - HiGHS (highspy) on the exported MPS: read + solve, and solve alone;
  - glpsol (Debian's glpk-utils) on the exported MPS, whole process;
check that all reach the same objective (1e-6 relative) and print the
ratios peer time / careplace time (> 1: careplace is faster).

Usage: Benchmarks/peers/run.py [--sizes 300,3000] [--seed 1] [--side]
       [--glpsol-limit 600] [--careplace PATH]
Needs: python3 with highspy (pip install highspy), glpsol (apt-get install
glpk-utils), a release build of careplace (built when --careplace is absent).
"""
import argparse, json, os, platform, re, subprocess, sys, tempfile, time
from datetime import date

def run(cmd, **kw):
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    return p, time.perf_counter() - t

def instance(exe, n, seed, d, export_option, export_name, side=False):
    """A generated instance in d, exported with `careplace export EXPORT_OPTION d/EXPORT_NAME`:
    (landscape, cases, exported file), the export's process and its time; exits on a failure."""
    gen = [exe, "generate", "--cases", str(n), "--seed", str(seed), "--out", d, "--force"]
    if side:
        gen += ["--siblings", "--conflicts", "--pins"]
    p, _ = run(gen)
    if p.returncode != 0:
        sys.exit(p.stderr)
    files = os.path.join(d, "landscape.yaml"), os.path.join(d, "cases.csv"), os.path.join(d, export_name)
    p, took = run([exe, "export", "--landscape", files[0], "--cases", files[1], export_option, files[2]])
    if p.returncode != 0:
        sys.exit(p.stderr)
    return files, p, took

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="300,3000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--side", action="store_true", help="with siblings, conflicts and pins (a MIP)")
    ap.add_argument("--glpsol-limit", type=int, default=600, help="seconds before glpsol is given up")
    ap.add_argument("--careplace")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    exe = args.careplace
    if not exe:
        p, _ = run(["swift", "build", "-c", "release", "--product", "careplace", "--scratch-path", ".build-release"], cwd=root)
        if p.returncode != 0:
            sys.exit("release build failed:\n" + p.stderr)
        exe = os.path.join(root, ".build-release", "release", "careplace")
    try:
        import highspy
    except ImportError:
        sys.exit("highspy is missing: pip install highspy")
    rows = []
    work = tempfile.mkdtemp(prefix="careplace-peers-")
    for n in [int(s) for s in args.sizes.split(",")]:
        d = os.path.join(work, str(n))
        (L, C, mps), p, t_export = instance(exe, n, args.seed, d, "--mps", "model.mps", side=args.side)
        columns = re.search(r"(\d+) columns", p.stdout)
        # careplace end to end
        p, t_cp = run([exe, "solve", "--no-explanations", "--landscape", L, "--cases", C, "--out", os.path.join(d, "out")])
        if p.returncode != 0:
            sys.exit(p.stderr)
        cp_obj = json.load(open(os.path.join(d, "out", "summary.json")))["objective"]
        # HiGHS
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        t0 = time.perf_counter()
        h.readModel(mps)
        t1 = time.perf_counter()
        h.run()
        t2 = time.perf_counter()
        hs_obj = h.getInfo().objective_function_value
        hs_status = h.modelStatusToString(h.getModelStatus())
        # glpsol (whole process: reading and solving)
        try:
            p, t_glp = run(["glpsol", "--freemps", mps, "--tmlim", str(args.glpsol_limit), "-o", os.path.join(d, "glpsol.txt")],
                           timeout=args.glpsol_limit + 60)
            m = re.search(r"Objective:\s+\S+\s+=\s+([-0-9.e+]+)", open(os.path.join(d, "glpsol.txt")).read()) if p.returncode == 0 else None
            glp_obj = float(m.group(1)) if m else None
        except (subprocess.TimeoutExpired, FileNotFoundError):
            t_glp, glp_obj = None, None
        def same(a, b):
            return a is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))
        rows.append(dict(children=n, columns=int(columns.group(1)) if columns else None, careplace=t_cp,
                         highs_total=t2 - t0, highs_solve=t2 - t1, glpsol=t_glp, export=t_export,
                         objective=cp_obj, highs_same=same(hs_obj, cp_obj), highs_status=hs_status,
                         glpsol_same=same(glp_obj, cp_obj) if glp_obj is not None else None))
        print(f"{n}: careplace {t_cp:.2f} s, HiGHS {t2 - t0:.2f} s (solve {t2 - t1:.2f} s, {hs_status}), "
              f"glpsol {'-' if t_glp is None else f'{t_glp:.2f} s'}; objective {cp_obj:.3f} "
              f"HiGHS {'same' if rows[-1]['highs_same'] else f'DIFFERS ({hs_obj})'}, "
              f"glpsol {'same' if rows[-1]['glpsol_same'] else ('-' if glp_obj is None else f'DIFFERS ({glp_obj})')}",
              file=sys.stderr)
    print(f"\n{date.today()}, {platform.node()} ({os.cpu_count()} cores), seed {args.seed}, "
          f"{'with siblings, conflicts, pins' if args.side else 'no side constraints'}; HiGHS {highspy.Highs().version() if hasattr(highspy.Highs(), 'version') else ''}\n")
    print("| children | columns | careplace (end to end) | HiGHS read+solve | ratio | glpsol | ratio | same objective |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in rows:
        g = "—" if r["glpsol"] is None else f"{r['glpsol']:.2f} s"
        gr = "—" if r["glpsol"] is None else f"{r['glpsol'] / r['careplace']:.1f}×"
        same = "yes" if r["highs_same"] and r["glpsol_same"] in (True, None) else "NO"
        print(f"| {r['children']:,} | {r['columns']:,} | {r['careplace']:.2f} s | {r['highs_total']:.2f} s | "
              f"{r['highs_total'] / r['careplace']:.1f}× | {g} | {gr} | {same} |")
    if not all(r["highs_same"] and r["glpsol_same"] in (True, None) for r in rows):
        sys.exit(1)

if __name__ == "__main__":
    main()
