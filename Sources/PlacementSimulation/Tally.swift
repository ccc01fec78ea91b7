import Placement
import PlacementModel

/// One counted week of one replication (weekly.csv).
public struct WeekRow: Sendable, Hashable {
    public var week: Int
    /// Children waiting at the end of the week.
    public var waiting: Int
    /// The longest wait so far (days since ready) of those waiting at the end of the week.
    public var longestWaitDays: Int
    public var started: Int
    /// Mean wait (days from ready to start) of the children who started; nil when none did.
    public var waitDaysMean: Double?
    public var blockedPlaceDays: Int
    /// Per care type of the landscape (its order): the share of its places in use, nil without places.
    public var occupancy: [Double?]
}

/// What one replication gives: its KPIs (by name, in SPEC §7's order), its weeks, and counts.
public struct ReplicationResult: Sendable {
    public var kpis: [(name: String, value: Double?)]
    public var weeks: [WeekRow]
    public var arrivals: Int
    public var plans: Int
    public var plansAtTimeLimit: Int
}

/// The counts of a replication's counted period (after the warm-up).
struct Tally {
    let first: Int, weekCount: Int
    let careTypes: [CareTypeID]
    /// Per service, the indices of its care types.
    let serviceTypes: [[Int]]
    var arrivals = 0, plans = 0, plansAtTimeLimit = 0
    var waits: [Int] = [], distances: [Double] = []
    var homeBased = 0, outside = 0, noFit = 0, blockedPlaceDays = 0
    /// Children waiting at the end of each counted day, summed (Little's L times the days).
    var waitingDays = 0
    var used: [Double], capacity: [Double]
    var rows: [WeekRow] = []
    var week = WeekRow(week: 1, waiting: 0, longestWaitDays: 0, started: 0, waitDaysMean: nil, blockedPlaceDays: 0, occupancy: [])
    var weekWaits = 0, weekUsed: [Double], weekCapacity: [Double]

    init(_ simulation: Simulation) {
        first = simulation.firstCountedDay
        weekCount = simulation.weeks
        let landscape = simulation.input.landscape
        careTypes = landscape.careTypes.map(\.id)
        let index = Dictionary(careTypes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        serviceTypes = landscape.services.map { s in Array(Set(s.careTypes.compactMap { index[$0] })).sorted() }
        used = [Double](repeating: 0, count: careTypes.count)
        capacity = used
        weekUsed = used
        weekCapacity = used
    }

    mutating func noFittingService(on d: Int) { if d >= first { noFit += 1 } }

    mutating func started(on d: Int, wait: Int, candidate: Candidate, homeBased isHome: Bool) {
        guard d >= first else { return }
        waits.append(wait)
        distances.append(candidate.distanceKm)
        if isHome { homeBased += 1 }
        if candidate.outsideNetwork { outside += 1 }
        week.started += 1
        weekWaits += wait
    }

    mutating func endOfDay(_ d: Int, places: [[Occupant]], waiting: [Waiter], landscape: Landscape) {
        guard d >= first else { return }
        waitingDays += waiting.count
        for (s, occupants) in places.enumerated() {
            let cap = Double(max(0, landscape.services[s].capacity))
            let inUse = min(Double(occupants.count), cap)
            let blocked = occupants.reduce(0) { $0 + ($1.blocked ? 1 : 0) }
            blockedPlaceDays += blocked
            week.blockedPlaceDays += blocked
            for t in serviceTypes[s] {
                weekUsed[t] += inUse
                weekCapacity[t] += cap
            }
        }
        guard (d - first + 1) % 7 == 0 else { return }
        week.waiting = waiting.count
        week.longestWaitDays = waiting.reduce(0) { max($0, d - $1.ready) }
        week.waitDaysMean = week.started > 0 ? Double(weekWaits) / Double(week.started) : nil
        week.occupancy = zip(weekUsed, weekCapacity).map { $1 > 0 ? $0 / $1 : nil }
        rows.append(week)
        for t in careTypes.indices {
            used[t] += weekUsed[t]
            capacity[t] += weekCapacity[t]
            weekUsed[t] = 0
            weekCapacity[t] = 0
        }
        week = WeekRow(week: rows.count + 1, waiting: 0, longestWaitDays: 0, started: 0, waitDaysMean: nil, blockedPlaceDays: 0, occupancy: [])
        weekWaits = 0
    }

    func result(waitingAtEnd: Int) -> ReplicationResult {
        let n = Double(waits.count), weeks = Double(weekCount)
        let sorted = waits.sorted()
        // nearest rank, as the plan's percentiles
        let p90 = sorted.isEmpty ? nil : Double(sorted[max(0, Int((0.9 * n).rounded(.up)) - 1)])
        var kpis: [(String, Double?)] = [
            ("waitDaysMean", n > 0 ? Double(waits.reduce(0, +)) / n : nil),
            ("waitDaysP90", p90),
            ("startedPerWeek", n / weeks),
            ("waitingAtEnd", Double(waitingAtEnd)),
            ("waitingMean", Double(waitingDays) / (weeks * 7)),
            ("noFittingServicePerWeek", Double(noFit) / weeks),
            ("blockedPlaceDays", Double(blockedPlaceDays)),
            ("distanceKmMean", n > 0 ? distances.reduce(0, +) / n : nil),
            ("shareHelpedAtHome", n > 0 ? Double(homeBased) / n : nil),
            ("shareOutsideNetwork", n > 0 ? Double(outside) / n : nil),
        ]
        for (t, id) in careTypes.enumerated() {
            kpis.append(("occupancy.\(id)", capacity[t] > 0 ? used[t] / capacity[t] : nil))
        }
        return ReplicationResult(
            kpis: kpis.map { (name: $0.0, value: $0.1) }, weeks: rows, arrivals: arrivals, plans: plans,
            plansAtTimeLimit: plansAtTimeLimit)
    }
}
