import Dispatch
import LinearProgramming
public import Placement
import Synchronization

/// Runs a simulation's replications, `jobs` at a time; each replication
/// draws only from its own streams, so the results are the same whatever
/// the number of jobs.
public enum SimulationRunner {
    /// Told after each replication: how many are done, and of how many.
    public typealias Progress = @Sendable (_ done: Int, _ total: Int) -> Void

    /// The replications `indices` (0-based; all by default: a shard runs part of them).
    public static func run(
        _ simulation: Simulation, planner: Planner, jobs: Int, replications: [Int]? = nil, progress: Progress? = nil
    ) throws -> [ReplicationResult] {
        let indices = replications ?? Array(0..<simulation.replications)
        var limited = planner
        limited.parameters.timeLimit = simulation.planTimeLimitSeconds
        let plannerForPlans = limited
        let results = Mutex<[Result<ReplicationResult, any Error>?]>(Array(repeating: nil, count: indices.count))
        let workers = max(1, min(jobs, indices.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for k in stride(from: w, to: indices.count, by: workers) {
                let result = Result { () throws -> ReplicationResult in
                    var replication = Replication(simulation, replication: indices[k], planner: plannerForPlans)
                    return try replication.run()
                }
                let done = results.withLock { all in
                    all[k] = result
                    return all.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
                }
                progress?(done, indices.count)
            }
        }
        // the first replication's error, whatever thread saw it first
        return try results.withLock { $0 }.map { result in
            guard let result else { throw SimulationError("a replication did not run") }
            return try result.get()
        }
    }
}

extension SimulationRunner {
    /// Replications until the 95% interval of `waitDaysMean` is within
    /// `precision` of its mean (half-width over mean), as sequential
    /// procedures of simulation practice do: the first n, at least the
    /// file's replications and at most `cap`, whose results meet it. They are
    /// computed a batch at a time, but n is decided replication by
    /// replication, so it is the same whatever the number of jobs.
    public static func runToPrecision(
        _ simulation: Simulation, planner: Planner, jobs: Int, precision: Double, cap: Int, progress: Progress? = nil
    ) throws -> (results: [ReplicationResult], met: Bool) {
        var results = try run(simulation, planner: planner, jobs: jobs, progress: progress)
        if meets(results, precision) { return (results, true) }
        let batch = max(2, jobs)
        while results.count < cap {
            let next = Array(results.count..<min(cap, results.count + batch))
            let more = try run(simulation, planner: planner, jobs: jobs, replications: next)
            for result in more {
                results.append(result)
                if meets(results, precision) { return (results, true) }
            }
        }
        return (results, false)
    }

    /// Whether the mean wait's interval is within `precision` of the mean.
    public static func meets(_ results: [ReplicationResult], _ precision: Double) -> Bool {
        let waits = results.compactMap { $0.kpis.first { $0.name == "waitDaysMean" }?.value }
        guard let e = Estimate(waits), let ci = e.ci95, e.mean != 0 else { return false }
        return (ci.upperBound - ci.lowerBound) / 2 <= precision * abs(e.mean)
    }
}

public struct SimulationError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
