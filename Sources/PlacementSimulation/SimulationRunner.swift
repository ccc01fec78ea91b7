import Dispatch
import LinearProgramming
public import Placement
import Synchronization

/// Runs a simulation's replications, `jobs` at a time; each replication
/// draws only from its own streams, so the results are the same whatever
/// the number of jobs.
public enum SimulationRunner {
    /// The replications `indices` (0-based; all by default: a shard runs part of them).
    public static func run(
        _ simulation: Simulation, planner: Planner, jobs: Int, replications: [Int]? = nil
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
                results.withLock { $0[k] = result }
            }
        }
        // the first replication's error, whatever thread saw it first
        return try results.withLock { $0 }.map { result in
            guard let result else { throw SimulationError("a replication did not run") }
            return try result.get()
        }
    }
}

public struct SimulationError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
