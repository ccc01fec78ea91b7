import Dispatch
public import Placement
import PlacementIO
public import PlacementModel
import Synchronization

/// Plans many scenarios at once, over the cores. Each plan is exactly the
/// plan of that scenario alone (GLPK keeps its state per thread, and
/// nothing is shared between plans), so the results do not depend on `jobs`.
public enum ScenarioRunner {
    public static func plan(_ inputs: [PlacementInput], with planner: Planner, jobs: Int) -> [Result<Plan, any Error>] {
        let results = Mutex<[Result<Plan, any Error>?]>(Array(repeating: nil, count: inputs.count))
        let next = Atomic<Int>(0)
        let width = max(1, min(jobs, inputs.count))
        DispatchQueue.concurrentPerform(iterations: width) { _ in
            while true {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard k < inputs.count else { return }
                let result = Result { try planner.plan(inputs[k]) }
                results.withLock { $0[k] = result }
            }
        }
        return results.withLock { all in
            all.map { $0 ?? .failure(ScenarioRunnerError.notPlanned) }
        }
    }
}

enum ScenarioRunnerError: Error { case notPlanned }
