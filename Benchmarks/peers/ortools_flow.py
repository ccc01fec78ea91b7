#!/usr/bin/env python3
"""careplace side by side with Google OR-Tools' min-cost flow on the same network.

For each size: generate an instance (careplace generate, no side rules),
write the min-cost flow network careplace plans (careplace export --dimacs:
the same nodes and arcs, costs in millionths of a km-equivalent), then time
  - careplace solve, end to end (read, formulate, plan, write), as a
    coordinator runs it, and its plan alone (--timings);
  - OR-Tools' SimpleMinCostFlow on that network: solve() alone (the network
    already built from arrays; building it is timed apart);
check that both reach the same objective (1e-6 relative; the script exits 1
if not) and print a Markdown table with the ratios (above 1: careplace is
faster). Issue 16's target at 20,000 children: careplace's whole run at most
half of OR-Tools' solve alone.

Usage: Benchmarks/peers/ortools_flow.py [--sizes 3000,20000] [--seeds 1]
       [--careplace PATH] [--runs 1]
Needs: python3 with ortools and numpy (pip install ortools), a release build
of careplace (built when --careplace is absent).
"""
import argparse, json, os, platform, re, shutil, sys, tempfile, time
from datetime import date

from run import instance, run  # the HiGHS/glpsol script beside this one


def read_dimacs(path, np):
    """(supplies by node, tails, heads, capacities, costs) of a DIMACS min-cost flow file."""
    nodes, supplies, arcs = [], [], []
    with open(path) as f:
        for line in f:
            if line.startswith("a "):
                arcs.append(line[2:])
            elif line.startswith("n "):
                _, i, s = line.split()
                nodes.append(int(i))
                supplies.append(int(s))
    table = np.array(" ".join(arcs).split(), dtype=np.int64).reshape(-1, 5)
    return np.array(nodes), np.array(supplies), table[:, 0], table[:, 1], table[:, 3], table[:, 4]


def ortools_solve(network, min_cost_flow):
    """One build and solve of the network read by read_dimacs: (objective, build time, solve time, arcs)."""
    nodes, supplies, tails, heads, caps, costs = network
    t0 = time.perf_counter()
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_nodes_supplies(nodes, supplies)
    t1 = time.perf_counter()
    status = flow.solve()
    t2 = time.perf_counter()
    if status != flow.OPTIMAL:
        sys.exit(f"OR-Tools: status {status}")
    return flow.optimal_cost() / 1e6, t1 - t0, t2 - t1, len(tails)


def careplace_solve(exe, landscape, cases, out):
    shutil.rmtree(out, ignore_errors=True)
    p, took = run([exe, "solve", "--no-explanations", "--timings", "--quiet", "--landscape", landscape, "--cases", cases, "--out", out])
    if p.returncode != 0:
        sys.exit(p.stderr)
    plan = float(re.search(r"plan ([0-9.]+)", p.stderr + p.stdout).group(1))
    objective = json.load(open(os.path.join(out, "summary.json")))["objective"]
    return objective, took, plan


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="3000,20000")
    ap.add_argument("--seeds", default="1")
    ap.add_argument("--runs", type=int, default=1, help="runs of each timing; careplace's worst and OR-Tools' best are reported")
    ap.add_argument("--careplace")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    try:
        import numpy as np
        from ortools.graph.python import min_cost_flow
        import ortools
    except ImportError:
        sys.exit("ortools is missing: pip install ortools")
    exe = args.careplace
    if not exe:
        p, _ = run(["swift", "build", "-c", "release", "--product", "careplace"], cwd=root)
        if p.returncode != 0:
            sys.exit("release build failed:\n" + p.stderr)
        exe = os.path.join(root, ".build", "release", "careplace")
    work = tempfile.mkdtemp(prefix="careplace-ortools-")
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        for seed in [int(s) for s in args.seeds.split(",")]:
            d = os.path.join(work, f"{n}-{seed}")
            (L, C, net), _, _ = instance(exe, n, seed, d, "--dimacs", "network.dimacs")
            cp = [careplace_solve(exe, L, C, os.path.join(d, "out")) for _ in range(args.runs)]
            network = read_dimacs(net, np)  # read once: only the build and the solve are timed
            ot = [ortools_solve(network, min_cost_flow) for _ in range(args.runs)]
            cp_obj, ot_obj = cp[0][0], ot[0][0]
            if abs(cp_obj - ot_obj) > 1e-6 * max(1, abs(cp_obj)):
                sys.exit(f"objectives differ at {n} children, seed {seed}: careplace {cp_obj}, OR-Tools {ot_obj}")
            whole, plan = max(r[1] for r in cp), max(r[2] for r in cp)
            build, solve = max(r[1] for r in ot), min(r[2] for r in ot)
            rows.append((n, seed, ot[0][3], cp_obj, whole, plan, build, solve))
    print(f"OR-Tools {ortools.__version__} SimpleMinCostFlow against careplace on the same network "
          f"({platform.machine()}, {os.cpu_count()} cores, {date.today()}, worst of {args.runs} run(s) for careplace, best for OR-Tools)\n")
    print("| children | seed | arcs | objective | careplace whole run | careplace plan | OR-Tools build | OR-Tools solve | OR-Tools solve / careplace whole run |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, seed, arcs, obj, whole, plan, build, solve in rows:
        print(f"| {n:,} | {seed} | {arcs:,} | {obj:.2f} | {whole:.2f} s | {plan:.2f} s | {build:.2f} s | {solve:.2f} s | {solve / whole:.2f} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
