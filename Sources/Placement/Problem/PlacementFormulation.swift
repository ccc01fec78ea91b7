public import LinearProgramming
import PlacementModel

/// The placement LP/MIP of a ``PlacementProblem``. One constraint family per
/// function:
///
/// - each case gets one column or stays unplaced (`addCaseRows`);
/// - each slot group serves at most its count of cases (`addSlotRows`);
/// - siblings placed in facilities share one facility (`addSiblingRows`);
/// - conflicting cases never share a facility (`addConflictRows`);
/// - a pinned case is never unplaced (its unplaced variable is fixed at 0).
///
/// Rows come first and hold every side constraint a column could enter, so
/// that columns can be added later (column generation) with
/// ``coefficients(of:)``. Without sibling or conflict rows the matrix is that
/// of a transportation problem (totally unimodular), so the LP optimum is
/// integral; with them every variable is integer and the model is a MIP.
public struct PlacementFormulation: Sendable {
    public private(set) var model: LinearModel
    public private(set) var unplacedVariable: [Variable] = []
    /// The placement columns in the model, in order, with their variables.
    public private(set) var columns: [ColumnKey] = []
    public private(set) var columnVariable: [Variable] = []
    public let integer: Bool
    let names: Bool
    let problem: PlacementProblem
    private var caseRows: [Constraint] = []
    private var slotRows: [Constraint] = []
    /// case -> facility -> the row bounding that case's placements there by
    /// its sibling group's choice of facility.
    private var siblingRows: [Int: [FacilityID: Constraint]] = [:]
    /// case -> facility -> conflict rows the case's placements there enter.
    private var conflictRows: [Int: [FacilityID: [Constraint]]] = [:]

    /// The full model: every column.
    public init(_ problem: PlacementProblem, names: Bool = false) {
        self.init(problem, names: names, columns: (0..<problem.cases.count).flatMap { problem.columns(ofCase: $0) })
    }

    /// The model with the given placement columns only (a restricted master).
    public init(_ problem: PlacementProblem, names: Bool = false, columns: [ColumnKey]) {
        self.problem = problem
        self.names = names
        integer = problem.hasSideConstraints
        model = LinearModel(name: "careplace", sense: .minimize)
        model.reserveCapacity(
            variables: columns.count + problem.cases.count, constraints: problem.cases.count + problem.slotGroups.count,
            nonzeros: 2 * columns.count + problem.cases.count)
        addCaseRows()
        addSlotRows()
        addSiblingRows()
        addConflictRows()
        for (ci, c) in problem.cases.enumerated() {
            unplacedVariable.append(model.addVariable(
                name: names ? "unplaced_\(Self.safe(c.id.rawValue))" : "",
                lower: 0, upper: c.pinnedService == nil ? 1 : 0,
                objective: problem.costModel.unplacedCost(c), integer: integer,
                coefficients: [(caseRows[ci], 1.0)]))
        }
        for key in columns { add(key) }
    }

    /// Rows the column enters, with coefficient 1 each.
    public func coefficients(of key: ColumnKey) -> [(Constraint, Double)] {
        let p = problem.pairs[Int(key.pair)]
        let ci = Int(p.caseIndex)
        var rows: [(Constraint, Double)] = [(caseRows[ci], 1.0), (slotRows[Int(key.group)], 1.0)]
        if let f = problem.facility(of: key) {
            if let r = siblingRows[ci]?[f] { rows.append((r, 1.0)) }
            for r in conflictRows[ci]?[f] ?? [] { rows.append((r, 1.0)) }
        }
        return rows
    }

    public mutating func add(_ key: ColumnKey) {
        columns.append(key)
        columnVariable.append(model.addVariable(
            name: names ? name(key) : "", lower: 0, upper: 1, objective: problem.cost(key), integer: integer,
            coefficients: coefficients(of: key)))
    }

    /// Reduced cost of a column against row duals of this model (SPEC cost
    /// minus the duals of the rows it enters); no allocation for cases
    /// without side constraints.
    @inline(__always)
    public func reducedCost(_ key: ColumnKey, duals: [Double]) -> Double {
        let p = problem.pairs[Int(key.pair)]
        let ci = Int(p.caseIndex)
        var rc = problem.cost(key) - duals[caseRows[ci].index] - duals[slotRows[Int(key.group)].index]
        if integer, let f = problem.facility(of: key) {
            if let r = siblingRows[ci]?[f] { rc -= duals[r.index] }
            for r in conflictRows[ci]?[f] ?? [] { rc -= duals[r.index] }
        }
        return rc
    }

    /// Records columns a column-generating solver appended to the model.
    mutating func recordAppended(_ keys: [ColumnKey], model grown: LinearModel) {
        let first = model.variableCount
        model = grown
        for (k, key) in keys.enumerated() {
            columns.append(key)
            columnVariable.append(Variable(index: first + k))
        }
    }

    private mutating func addCaseRows() {
        caseRows = problem.cases.map { c in
            model.addConstraint(name: names ? "case_\(Self.safe(c.id.rawValue))" : "", lower: 1, upper: 1)
        }
    }

    private mutating func addSlotRows() {
        slotRows = problem.slotGroups.map { g in
            let s = problem.landscape.services[g.service]
            return model.addConstraint(name: names ? "slots_\(Self.safe(s.id.rawValue))_\(g.release)" : "", upper: Double(g.count))
        }
    }

    /// Facilities a case could be placed in, in service order.
    private func facilities(ofCase c: Int) -> [FacilityID] {
        var seen = Set<FacilityID>(), order: [FacilityID] = []
        for p in problem.pairRanges[c] {
            if let f = problem.landscape.services[Int(problem.pairs[p].serviceIndex)].facility, seen.insert(f).inserted {
                order.append(f)
            }
        }
        return order
    }

    /// For each sibling group: a binary per facility its members could share;
    /// each member's placements there are bounded by it; at most one is chosen.
    private mutating func addSiblingRows() {
        for (gi, group) in problem.siblingGroups.enumerated() {
            let tag = "sibling_\(gi)_\(Self.safe(group.id))"
            var order: [FacilityID] = []
            var members: [FacilityID: [Int]] = [:]
            for m in group.members {
                for f in facilities(ofCase: m) {
                    if members[f] == nil { order.append(f) }
                    members[f, default: []].append(m)
                }
            }
            guard !order.isEmpty else { continue }
            var choose: [(Variable, Double)] = []
            for f in order {
                let y = model.addVariable(name: names ? "\(tag)_\(Self.safe(f.rawValue))" : "", lower: 0, upper: 1, integer: true)
                choose.append((y, 1))
                for m in members[f] ?? [] {
                    let row = model.addConstraint(name: names ? "\(tag)_\(Self.safe(problem.cases[m].id.rawValue))_\(Self.safe(f.rawValue))" : "", [(y, -1.0)], upper: 0)
                    siblingRows[m, default: [:]][f] = row
                }
            }
            model.addConstraint(name: names ? "\(tag)_one_facility" : "", choose, upper: 1)
        }
    }

    /// For each conflicting pair and each facility both could be placed in:
    /// at most one of them there.
    private mutating func addConflictRows() {
        for (pi, pair) in problem.conflicts.enumerated() {
            let shared = Set(facilities(ofCase: pair.b))
            for f in facilities(ofCase: pair.a) where shared.contains(f) {
                let row = model.addConstraint(name: names ? "conflict_\(pi)_\(Self.safe(f.rawValue))" : "", upper: 1)
                conflictRows[pair.a, default: [:]][f, default: []].append(row)
                conflictRows[pair.b, default: [:]][f, default: []].append(row)
            }
        }
    }

    /// A readable column name: x_<case>_<service>_<release date>.
    func name(_ key: ColumnKey) -> String {
        let p = problem.pairs[Int(key.pair)]
        let c = problem.cases[Int(p.caseIndex)], s = problem.landscape.services[Int(p.serviceIndex)]
        return "x_\(Self.safe(c.id.rawValue))_\(Self.safe(s.id.rawValue))_\(problem.slotGroups[Int(key.group)].release)"
    }

    /// Names in model files may not contain spaces or control characters.
    static func safe(_ text: String) -> String {
        String(text.unicodeScalars.map { $0 == " " || $0.properties.generalCategory == .control ? "_" : Character($0) })
    }
}
