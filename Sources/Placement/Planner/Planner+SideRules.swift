import LinearProgramming
import PlacementModel

extension Planner {
    /// Whether a plan keeps siblings placed in facilities together and
    /// conflicting cases apart (SPEC §3).
    func respectsSideConstraints(_ problem: PlacementProblem, _ chosen: [ColumnKey?]) -> Bool {
        respectsSideConstraints(problem) { ci in chosen[ci].flatMap { problem.facility(of: $0) } }
    }

    /// The same, each case's facility told by `facility`.
    func respectsSideConstraints(_ problem: PlacementProblem, facility: (Int) -> FacilityID?) -> Bool {
        for group in problem.siblingGroups {
            let facilities = Set(group.members.compactMap(facility))
            if facilities.count > 1 { return false }
        }
        for pair in problem.conflicts {
            if let f = facility(pair.a), f == facility(pair.b) { return false }
        }
        return true
    }

    /// A plan within the side rules from the transportation optimum, by
    /// solving it again (warm, from its duals) without the services that
    /// break a rule: for a sibling group placed apart, every member keeps
    /// only the facility of its first placed member (a pinned member's
    /// first) and help at home; of two conflicting cases in one facility,
    /// the later unpinned one loses that facility. Repeated while the new
    /// plan breaks other rules (`maxRounds` at most, each round only ever
    /// taking services away), then mended by ``withinSideConstraints``.
    /// Usually far better than that alone: the children moved get their
    /// next best place instead of none. Not proven optimal.
    func solvedWithinSideConstraints(
        _ problem: PlacementProblem, _ flow: TransportationSolver.Solution, maxRounds: Int = 8, shouldStop: () -> Bool
    ) -> [ColumnKey?]? {
        var current = flow
        var solver = TransportationSolver(problem: problem)
        func facility(_ ci: Int) -> FacilityID? { current.chosen[ci].flatMap { problem.facility(of: $0) } }
        func pinned(_ ci: Int) -> Bool { problem.cases[ci].pinnedService != nil }
        func keepOnly(_ kept: FacilityID, for ci: Int) {
            for p in problem.pairRanges[ci] {
                let f = problem.landscape.services[Int(problem.pairs[p].serviceIndex)].facility
                if let f, f != kept { solver.excludedPairs.insert(Int32(p)) }
            }
        }
        func leave(_ left: FacilityID, for ci: Int) {
            for p in problem.pairRanges[ci] where problem.landscape.services[Int(problem.pairs[p].serviceIndex)].facility == left {
                solver.excludedPairs.insert(Int32(p))
            }
        }
        for _ in 0..<maxRounds {
            if respectsSideConstraints(problem, current.chosen) { return current.chosen }
            // (a round's setup, before its first check of the limit, is not short)
            if shouldStop() { break }
            let before = solver.excludedPairs.count
            for group in problem.siblingGroups {
                guard Set(group.members.compactMap(facility)).count > 1 else { continue }
                guard let kept = Self.keptFacility(group, facility: facility, pinned: pinned) else { continue }
                for m in group.members where !pinned(m) { keepOnly(kept, for: m) }
            }
            for pair in problem.conflicts {
                guard let f = facility(pair.a), f == facility(pair.b) else { continue }
                if let loser = Self.givesWay(pair, pinned: pinned) { leave(f, for: loser) }
            }
            guard solver.excludedPairs.count > before,
                  case .solved(let next) = solver.solve(prices: current.groupDuals.map { -$0 }, shouldStop: shouldStop),
                  next.certified
            else { break }
            current = next
        }
        return withinSideConstraints(problem, current.chosen)
    }

    /// The plan with siblings kept together and conflicting cases apart, by
    /// leaving cases unplaced: per sibling group, members placed in another
    /// facility than the first placed member's (a pinned member's first);
    /// per conflict, the later unpinned case. Nil when a pin stands in the way.
    func withinSideConstraints(_ problem: PlacementProblem, _ chosen: [ColumnKey?]) -> [ColumnKey?]? {
        var plan = chosen
        func facility(_ ci: Int) -> FacilityID? { plan[ci].flatMap { problem.facility(of: $0) } }
        func pinned(_ ci: Int) -> Bool { problem.cases[ci].pinnedService != nil }
        for group in problem.siblingGroups {
            guard let kept = Self.keptFacility(group, facility: facility, pinned: pinned) else { continue }
            for m in group.members where facility(m) != nil && facility(m) != kept {
                if pinned(m) { return nil }
                plan[m] = nil
            }
        }
        for pair in problem.conflicts {
            guard let f = facility(pair.a), f == facility(pair.b) else { continue }
            guard let loser = Self.givesWay(pair, pinned: pinned) else { return nil }
            plan[loser] = nil
        }
        return respectsSideConstraints(problem, plan) ? plan : nil
    }

    /// The facility a sibling group keeps when its members are placed apart:
    /// a pinned member's, else the first placed member's; nil when none is
    /// placed in a facility.
    static func keptFacility(
        _ group: PlacementProblem.SiblingGroup, facility: (Int) -> FacilityID?, pinned: (Int) -> Bool
    ) -> FacilityID? {
        let anchor = group.members.first { pinned($0) && facility($0) != nil } ?? group.members.first { facility($0) != nil }
        return anchor.flatMap(facility)
    }

    /// Of two conflicting cases in one facility, the one that gives way:
    /// the later, unless it is pinned; nil when both are.
    static func givesWay(_ pair: PlacementProblem.CasePair, pinned: (Int) -> Bool) -> Int? {
        !pinned(pair.b) ? pair.b : !pinned(pair.a) ? pair.a : nil
    }
}
