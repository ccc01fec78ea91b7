import Benchmark
import Foundation
import GLPK
import Placement

/// `careplace solve` end to end on generated instances: read both files,
/// plan (exactly), write assignments.csv and summary.json.
func instanceFiles(cases: Int, seed: UInt64, sideConstraints: Bool) -> (landscape: String, cases: String, out: String) {
    let input = InstanceGenerator(options: .init(
        cases: cases, seed: seed, siblingGroups: sideConstraints, conflicts: sideConstraints, pins: sideConstraints)).generate()
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("careplace-bench-\(cases)-\(seed)-\(sideConstraints)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let landscape = dir.appendingPathComponent("landscape.yaml").path
    let casesPath = dir.appendingPathComponent("cases.csv").path
    try? InstanceWriter.landscapeYAML(input.landscape).write(toFile: landscape, atomically: true, encoding: .utf8)
    try? InstanceWriter.casesCSV(input.cases).write(toFile: casesPath, atomically: true, encoding: .utf8)
    return (landscape, casesPath, dir.appendingPathComponent("out").path)
}

func planEndToEnd(_ files: (landscape: String, cases: String, out: String)) throws {
    let input = try InputReader.read(landscape: files.landscape, cases: files.cases)
    let solver = GLPKSolver()
    let plan = try Planner(solver: solver).plan(input)
    // a benchmark of a wrong plan is no benchmark
    guard plan.status == .optimal else { throw BenchmarkFailure(message: "plan status \(plan.status.rawValue), expected optimal") }
    let report = PlanReport(plan: plan, solverName: solver.name)
    try OutputWriter.write(
        [("assignments.csv", report.assignmentsCSV), ("summary.json", report.summaryJSON)],
        into: files.out, protecting: [files.landscape, files.cases])
}

struct BenchmarkFailure: Error { var message: String }

/// `CAREPLACE_BENCHMARK_CI=1` (set by `.ci/run`): the small sizes only, few iterations.
let ci = ProcessInfo.processInfo.environment["CAREPLACE_BENCHMARK_CI"] != nil

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
        maxDuration: .seconds(20),
        maxIterations: 10
    )
    let sizes = ci ? [(300, false), (300, true), (3_000, false)] : [(300, false), (300, true), (3_000, false), (3_000, true)]
    for (cases, side) in sizes {
        let files = instanceFiles(cases: cases, seed: 1, sideConstraints: side)
        let label = side ? "with siblings, conflicts, pins" : "no side constraints"
        Benchmark("solve end to end, \(cases) children, \(label)", configuration: .init(maxIterations: ci ? 3 : cases >= 3_000 ? 3 : 10)) { benchmark in
            for _ in benchmark.scaledIterations {
                try planEndToEnd(files)
            }
        }
    }
}
