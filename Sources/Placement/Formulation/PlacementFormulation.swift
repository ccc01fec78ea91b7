public import LinearProgramming

/// The placement LP/MIP of a ``PlacementProblem``. One constraint family per
/// function:
///
/// - each case gets one candidate or stays unplaced (`caseRows`);
/// - each slot group serves at most its count of cases (`slotRows`);
/// - siblings placed in facilities share one facility (`siblingRows`);
/// - conflicting cases never share a facility (`conflictRows`);
/// - a pinned case is never unplaced (the unplaced variable is fixed at 0).
///
/// Without sibling or conflict rows the matrix is that of a transportation
/// problem (totally unimodular), so the LP optimum is integral; with them
/// every variable is integer and the model is a MIP.
public struct PlacementFormulation: Sendable {
    public private(set) var model: LinearModel
    /// Variable of each candidate, and of each case's "unplaced" option.
    public private(set) var candidateVariable: [Variable] = []
    public private(set) var unplacedVariable: [Variable] = []

    public init(_ problem: PlacementProblem, names: Bool = false) {
        model = LinearModel(name: "careplace", sense: .minimize)
        let integer = problem.hasSideConstraints
        model.reserveCapacity(
            variables: problem.candidates.count + problem.cases.count,
            constraints: problem.cases.count + problem.slotGroups.count,
            nonzeros: 2 * problem.candidates.count + problem.cases.count)
        let caseRows = addCaseRows(problem, names: names)
        let slotRows = addSlotRows(problem, names: names)
        for (ci, c) in problem.cases.enumerated() {
            unplacedVariable.append(model.addVariable(
                name: names ? "unplaced_\(Self.safe(c.id.rawValue))" : "",
                lower: 0, upper: c.pinnedService == nil ? 1 : 0,
                objective: problem.costModel.unplacedCost(c), integer: integer,
                coefficients: [(caseRows[ci], 1.0)]))
        }
        for candidate in problem.candidates {
            let name = names ? Self.name(problem, candidate) : ""
            candidateVariable.append(model.addVariable(
                name: name, lower: 0, upper: 1, objective: candidate.cost, integer: integer,
                coefficients: [(caseRows[candidate.caseIndex], 1.0), (slotRows[candidate.group], 1.0)]))
        }
        addSiblingRows(problem, names: names)
        addConflictRows(problem, names: names)
    }

    private mutating func addCaseRows(_ problem: PlacementProblem, names: Bool) -> [Constraint] {
        problem.cases.map { c in
            model.addConstraint(name: names ? "case_\(Self.safe(c.id.rawValue))" : "", lower: 1, upper: 1)
        }
    }

    private mutating func addSlotRows(_ problem: PlacementProblem, names: Bool) -> [Constraint] {
        problem.slotGroups.map { g in
            let s = problem.landscape.services[g.service]
            return model.addConstraint(name: names ? "slots_\(Self.safe(s.id.rawValue))_\(g.release)" : "", upper: Double(g.count))
        }
    }

    /// For each sibling group: a binary per facility its members could be
    /// placed in; each member's facility placements are bounded by it, and at
    /// most one facility is chosen.
    private mutating func addSiblingRows(_ problem: PlacementProblem, names: Bool) {
        for (gi, group) in problem.siblingGroups.enumerated() {
            var facilities: [FacilityID] = []
            var columns: [FacilityID: [Int: [Int]]] = [:] // facility -> member -> candidate indices
            for m in group.members {
                for k in problem.candidateRanges[m] {
                    guard let f = problem.facility(of: problem.candidates[k]) else { continue }
                    if columns[f] == nil { facilities.append(f) }
                    columns[f, default: [:]][m, default: []].append(k)
                }
            }
            guard !facilities.isEmpty else { continue }
            let tag = names ? "sibling_\(gi)_\(Self.safe(group.id))" : ""
            var choose: [(Variable, Double)] = []
            for f in facilities {
                let y = model.addVariable(name: names ? "\(tag)_\(Self.safe(f.rawValue))" : "", lower: 0, upper: 1, integer: true)
                choose.append((y, 1))
                for m in group.members {
                    guard let ks = columns[f]?[m], !ks.isEmpty else { continue }
                    let terms = ks.map { (candidateVariable[$0], 1.0) } + [(y, -1.0)]
                    model.addConstraint(name: names ? "\(tag)_\(m)_\(Self.safe(f.rawValue))" : "", terms, upper: 0)
                }
            }
            model.addConstraint(name: names ? "\(tag)_one_facility" : "", choose, upper: 1)
        }
    }

    /// For each conflicting pair and each facility both could be placed in:
    /// at most one of them there.
    private mutating func addConflictRows(_ problem: PlacementProblem, names: Bool) {
        for (pi, (a, b)) in problem.conflicts.enumerated() {
            var atFacility: [FacilityID: [Int]] = [:]
            var order: [FacilityID] = []
            for k in problem.candidateRanges[a] {
                guard let f = problem.facility(of: problem.candidates[k]) else { continue }
                if atFacility[f] == nil { order.append(f) }
                atFacility[f, default: []].append(k)
            }
            var fromB: [FacilityID: [Int]] = [:]
            for k in problem.candidateRanges[b] {
                guard let f = problem.facility(of: problem.candidates[k]), atFacility[f] != nil else { continue }
                fromB[f, default: []].append(k)
            }
            for f in order {
                guard let bs = fromB[f], let as_ = atFacility[f] else { continue }
                let terms = (as_ + bs).map { (candidateVariable[$0], 1.0) }
                model.addConstraint(name: names ? "conflict_\(pi)_\(Self.safe(f.rawValue))" : "", terms, upper: 1)
            }
        }
    }

    /// A readable column name: x_<case>_<service>_<release date>.
    static func name(_ problem: PlacementProblem, _ candidate: Candidate) -> String {
        let c = problem.cases[candidate.caseIndex], s = problem.landscape.services[candidate.serviceIndex]
        return "x_\(safe(c.id.rawValue))_\(safe(s.id.rawValue))_\(candidate.release)"
    }

    /// Names in model files may not contain spaces or control characters.
    static func safe(_ text: String) -> String {
        String(text.unicodeScalars.map { $0 == " " || $0.properties.generalCategory == .control ? "_" : Character($0) })
    }
}
