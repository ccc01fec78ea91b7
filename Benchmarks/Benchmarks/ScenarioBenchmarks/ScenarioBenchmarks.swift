import Benchmark
import Foundation
import GLPK
import Placement
import PlacementIO
import PlacementModel
import PlacementScenarios

/// `careplace compare` on 20 scenarios of the bundled demo: resolve every
/// scenario file, plan all (over the cores), build the comparison and render
/// it. The reference is one plan of the baseline in the same process, so
/// the ratio says what a sweep costs in plans.
let scenarios = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Scenarios").path

/// The six what-ifs and the baseline, plus 13 variations of the baseline by `--set`.
let sweep: [(file: String, overrides: [String])] = {
    let files = ["baseline", "more-outreach-noord", "close-secure-zuidlaren", "demand-plus-20", "own-network-only", "family-style-homes", "secure-build-down"]
    let variations = [
        ["horizonDays=60"], ["horizonDays=90"], ["horizonDays=180"], ["weights.perWaitDay=1"], ["weights.perWaitDay=4"],
        ["weights.residential=40"], ["weights.outsideNetwork=60"], ["demand=0.9@1"], ["demand=1.1@1"], ["demand=1.3@2"],
        ["capacity.F-ZUIDLAREN-secure=30"], ["weights.unplaced=2000"], ["ownNetworkOnly=true", "horizonDays=180"],
    ]
    return files.map { ("\(scenarios)/\($0).yaml", []) } + variations.map { ("\(scenarios)/baseline.yaml", $0) }
}()

func compareSweep() throws -> Int {
    let resolved = try sweep.map { try ScenarioResolver.resolve($0.file, overrides: $0.overrides) }
    let results = ScenarioRunner.plan(resolved.map(\.input), with: Planner(solver: GLPKSolver()), jobs: ProcessInfo.processInfo.activeProcessorCount)
    let outcomes = try zip(resolved, results).enumerated().map { k, pair in
        ScenarioOutcome(name: "\(pair.0.name)-\(k)", description: pair.0.description, plan: try pair.1.get())
    }
    let comparison = ScenarioComparison(outcomes)
    return comparison.markdown.count + comparison.csv.count + comparison.json.count + ComparisonHTML(comparison).document.count
}

/// `CAREPLACE_BENCHMARK_CI=1` (set by `.ci/run`): one iteration each.
let ci = ProcessInfo.processInfo.environment["CAREPLACE_BENCHMARK_CI"] != nil

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
        maxDuration: .seconds(30),
        maxIterations: ci ? 1 : 5
    )
    Benchmark("reference: plan the demo baseline once") { benchmark in
        for _ in benchmark.scaledIterations {
            let scenario = try ScenarioResolver.resolve("\(scenarios)/baseline.yaml")
            blackHole(try Planner(solver: GLPKSolver()).plan(scenario.input))
        }
    }
    Benchmark("compare 20 scenarios of the demo (resolve, plan on all cores, render)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try compareSweep())
        }
    }
}
