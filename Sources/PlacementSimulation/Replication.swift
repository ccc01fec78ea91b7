import Placement
import PlacementModel

/// A child in a place: until `ends` (its drawn stay; never while it waits
/// in the place for a next step), expected by the planner to leave on `expected`.
struct Occupant: Sendable {
    /// The child, nil for a place occupied on day 0 (known only by its release date).
    var child: Child?
    var ends: Int
    var expected: Int
    var careType: CareTypeID?
    var residential: Bool
    var blocked = false
}

/// A child of the simulation, with its own random streams.
struct Child: Sendable {
    var serial: Int
    var profile: Case
    var stays: SplitMix64
    var stepDowns: SplitMix64
}

/// A child on the waiting list: ready on `ready` (a day), and when it waits
/// for a next step, still in its place at service `blockedAt`.
struct Waiter: Sendable {
    var child: Child
    var ready: Int
    var blockedAt: Int?
}

/// One replication: the day loop of SPEC §7. Each day: the day's arrivals,
/// the stays that end (and the step-downs they start), a plan on planning
/// days, and the day's tally.
struct Replication {
    let simulation: Simulation
    let planner: Planner
    let streams: Streams
    let day0: Day
    var places: [[Occupant]]
    var waiting: [Waiter] = []
    var nextSerial = 0
    /// The day being simulated.
    var today = 0
    var arrivals: SplitMix64
    var profiles: SplitMix64
    let profilePool: ProfilePool
    let distance: DistanceRule
    var tally: Tally

    init(_ simulation: Simulation, replication: Int, planner: Planner) {
        self.simulation = simulation
        self.planner = planner
        streams = Streams(seed: simulation.seed, replication: replication)
        let landscape = simulation.input.landscape
        day0 = landscape.planningDate
        places = landscape.services.map { s in
            s.occupied.map { date in
                let release = max(0, date - landscape.planningDate)
                return Occupant(child: nil, ends: release, expected: release, careType: nil, residential: s.mode == .residential)
            }
        }
        arrivals = streams.stream(.arrivals)
        profiles = streams.stream(.profiles)
        profilePool = ProfilePool(simulation)
        distance = DistanceRule(landscape: landscape)
        tally = Tally(simulation)
        for c in simulation.input.cases {
            // ready before day 0: those days were waited too (and count for agingDays)
            let ready = c.readyDate.map { $0 - day0 } ?? 0
            join(Waiter(child: newChild(c, keepingID: true), ready: ready, blockedAt: nil))
        }
    }

    mutating func run() throws -> ReplicationResult {
        for d in 0..<simulation.days {
            today = d
            if d > 0 { arrive(on: d) }
            release(on: d)
            if d % simulation.replanEveryDays == 0 { try plan(on: d) }
            tally.endOfDay(d, places: places, waiting: waiting, landscape: simulation.input.landscape)
            #if DEBUG
            checkInvariants()
            #endif
        }
        return tally.result(waitingAtEnd: waiting.count)
    }

    /// A child of the simulation: the day-0 list's keep their ids (their
    /// conflicts and matrix distances name them); new ones get `new-<serial>`,
    /// primed until no input id has it.
    mutating func newChild(_ profile: Case, keepingID: Bool = false) -> Child {
        let serial = nextSerial
        nextSerial += 1
        var c = profile
        if !keepingID {
            var id = "new-\(serial)"
            while profilePool.inputIDs.contains(CaseID(id)) { id += "'" }
            c.id = CaseID(id)
        }
        return Child(serial: serial, profile: c, stays: streams.child(serial, .stays), stepDowns: streams.child(serial, .stepDowns))
    }

    /// Onto the list, or away at once when no service of the landscape fits
    /// (counted): waiting would not help it.
    mutating func join(_ waiter: Waiter) {
        var w = waiter
        w.child.profile.readyDate = day0 + waiter.ready
        if !fits(w.child.profile) {
            tally.noFittingService(on: today)
            if let s = waiter.blockedAt { unblock(w.child.serial, at: s) }
        } else {
            waiting.append(w)
        }
    }

    /// Whether some service of the landscape may help c (SPEC §3's rules, whatever its places).
    func fits(_ c: Case) -> Bool {
        let landscape = simulation.input.landscape
        return landscape.services.contains { s in
            CompatibilityRule.check(c, s, distanceKm: distance.km(from: c, to: s), outsideNetworkBanned: landscape.bansPlacement(of: c, at: s)) == nil
        }
    }

    mutating func arrive(on d: Int) {
        let count = Draw.poisson(profilePool.ratePerDay, &arrivals)
        for _ in 0..<count {
            guard let profile = profilePool.draw(&profiles) else { return }
            tally.arrivals += 1
            join(Waiter(child: newChild(profile), ready: d, blockedAt: nil))
        }
    }

    /// Stays ending today: the place is free, unless the child needs a next
    /// step (after a residential stay): then it waits in its place.
    mutating func release(on d: Int) {
        for s in places.indices {
            var k = 0
            while k < places[s].count {
                guard places[s][k].ends == d else { k += 1; continue }
                let o = places[s][k]
                if o.residential, var child = o.child, let type = o.careType,
                   let step = simulation.stepDown.first(where: { $0.from == type }), child.stepDowns.chance(step.share) {
                    places[s][k].blocked = true
                    places[s][k].ends = .max
                    child.profile = nextStep(child.profile, step)
                    places[s][k].child = child
                    let before = places[s].count
                    join(Waiter(child: child, ready: d, blockedAt: s))
                    if places[s].count == before { k += 1 }  // else it left, and its place with it
                } else {
                    places[s].remove(at: k)
                }
            }
        }
    }

    /// The child as it waits for its next step: the step's care types; secure
    /// only if none of them is offered outside secure care; help at home
    /// possible (the point of stepping down); no pin, siblings or conflicts
    /// (those were about the first placement).
    func nextStep(_ profile: Case, _ step: Simulation.StepDown) -> Case {
        var c = profile
        let services = simulation.input.landscape.services
        c.needs = step.to
        c.requiresSecure = !services.contains { !$0.secure && $0.careTypes.contains(where: step.to.contains) }
        c.homeBasedPossible = true
        c.pinnedService = nil
        c.siblingGroup = nil
        c.conflictsWith = []
        c.forbiddenServices = []
        return c
    }

    /// What must hold every day (checked in debug builds, so in the tests):
    /// no child in two places, nor both waiting and placed unless it waits
    /// in its place for a next step; no place over-full by a start.
    func checkInvariants() {
        var placed: [Int: Bool] = [:]  // serial -> blocked
        for (s, occupants) in places.enumerated() {
            let started = occupants.filter { $0.child != nil }.count
            assert(started <= max(0, simulation.input.landscape.services[s].capacity), "service \(s) over-full on day \(today)")
            for o in occupants {
                guard let serial = o.child?.serial else { continue }
                assert(placed[serial] == nil, "child S\(serial) in two places on day \(today)")
                placed[serial] = o.blocked
            }
        }
        for w in waiting {
            assert(placed[w.child.serial].map { $0 && w.blockedAt != nil } ?? true, "child S\(w.child.serial) waits and is placed on day \(today)")
            assert(w.ready <= today || w.child.serial < simulation.input.cases.count, "child S\(w.child.serial) waits before it arrived")
        }
    }

    mutating func unblock(_ serial: Int, at s: Int) {
        places[s].removeAll { $0.blocked && $0.child?.serial == serial }
    }
}
