public import PlacementModel

/// A simulation file (SPEC §7): a scenario played forward in days, re-planned
/// every `replanEveryDays` by the exact planner, over several replications.
public struct Simulation: Sendable {
    public var name: String
    /// The file it was read from, and the inputs it names (never written over).
    public var file: String
    public var inputFiles: [String]
    /// The landscape and the waiting list on day 0 (the scenario's, changes applied).
    public var input: PlacementInput
    public var weeks: Int
    public var warmUpWeeks = 0
    public var replanEveryDays = 7
    public var replications = 20
    public var seed: UInt64 = 1
    public var planTimeLimitSeconds = 10.0
    public var arrivals: Arrivals
    /// Per care type; `defaultStay` for the others.
    public var stays: [CareTypeID: Stay]
    public var defaultStay: Stay
    public var stepDown: [StepDown] = []

    public struct Arrivals: Sendable, Hashable {
        /// Expected new children per week (Poisson).
        public var perWeek: Double
        /// Multipliers of each network's share of the arrivals (1 where not given).
        public var byNetwork: [NetworkID: Double] = [:]
    }

    /// A length of stay in days.
    public struct Stay: Sendable, Hashable {
        public enum Distribution: String, Sendable, Hashable {
            case lognormal, exponential, fixed
        }
        public var meanDays: Double
        public var cv: Double
        public var distribution: Distribution
    }

    /// After a residential stay of care type `from`, a share of the children
    /// need a next step (one of the `to` care types) before they leave.
    public struct StepDown: Sendable, Hashable {
        public var from: CareTypeID
        public var share: Double
        public var to: [CareTypeID]
    }

    /// The stay for a care type.
    public func stay(_ careType: CareTypeID) -> Stay { stays[careType] ?? defaultStay }

    /// Days simulated in all (warm-up included), and the first counted day.
    public var days: Int { (warmUpWeeks + weeks) * 7 }
    public var firstCountedDay: Int { warmUpWeeks * 7 }
}
