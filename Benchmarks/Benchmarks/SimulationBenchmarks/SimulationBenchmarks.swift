import Benchmark
import Foundation
import GLPK
import Placement
import PlacementScenarios
import PlacementSimulation

/// `careplace simulate` on the demo year (Scenarios/simulations/baseline-year:
/// 600 children waiting on day 0, 25 a week arriving, 8 weeks of warm-up and
/// 52 counted), weekly plans over 20 replications on all cores, against one
/// plan of the demo baseline in the same process; and with a plan every day.
let scenarios = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Scenarios").path

/// `CAREPLACE_BENCHMARK_CI=1` (set by `.ci/run`): a small simulation only, one iteration.
let ci = ProcessInfo.processInfo.environment["CAREPLACE_BENCHMARK_CI"] != nil

struct BenchmarkFailure: Error { var message: String }

func simulate(weeks: Int, warmUp: Int, replications: Int, everyDays: Int) throws -> Int {
    var s = try SimulationReader.read("\(scenarios)/simulations/baseline-year.yaml")
    (s.weeks, s.warmUpWeeks, s.replications, s.replanEveryDays) = (weeks, warmUp, replications, everyDays)
    let results = try SimulationRunner.run(
        s, planner: Planner(solver: GLPKSolver()), jobs: ProcessInfo.processInfo.activeProcessorCount)
    let summary = SimulationSummary(s, results: results)
    // a benchmark of a simulation that planned nothing is no benchmark
    guard summary.plans > 0, summary.results.count == replications else {
        throw BenchmarkFailure(message: "\(summary.plans) plans over \(summary.results.count) replications")
    }
    return summary.json.count + summary.weeklyCSV.count
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
        maxDuration: .seconds(600),
        maxIterations: 1
    )
    Benchmark("reference: plan the demo baseline once", configuration: .init(maxIterations: ci ? 1 : 5)) { benchmark in
        for _ in benchmark.scaledIterations {
            let scenario = try ScenarioResolver.resolve("\(scenarios)/baseline.yaml")
            blackHole(try Planner(solver: GLPKSolver()).plan(scenario.input))
        }
    }
    if ci {
        Benchmark("simulate the demo, 4 weeks, weekly plans, 2 replications") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try simulate(weeks: 4, warmUp: 0, replications: 2, everyDays: 7)) }
        }
        return
    }
    Benchmark("simulate the demo year, weekly plans, 20 replications") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try simulate(weeks: 52, warmUp: 8, replications: 20, everyDays: 7)) }
    }
    Benchmark("simulate the demo year, daily plans, 4 replications") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try simulate(weeks: 52, warmUp: 8, replications: 4, everyDays: 1)) }
    }
}
