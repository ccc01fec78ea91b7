import Foundation
import Placement
public import PlacementModel

/// One child's line of the proposal, typed: the CSV (either dialect) and
/// the workbook are written from these.
public struct AssignmentRow: Sendable, Equatable {
    public var id: String
    public var placed: Bool
    public var service = ""
    public var facilityOrTeam = ""
    public var mode = ""
    public var careType = ""
    public var startDate: Day?
    public var waitDays: Int?
    public var distanceKm: Double?
    public var cost: Double
    public var reason = ""
    public var explanation = ""
    public var region: String
    public var network: String
    public var urgency: String
    public var needs: String
    /// SPEC §9, with a previous plan: last week's service ("" when not
    /// placed then), and whether this plan gives another service or none.
    public var previousService = ""
    public var changed = false
}

/// `,` with decimal points (the default), or `;` with decimal commas and a
/// BOM, as Dutch Excel opens a double-clicked CSV in columns.
public enum CSVDialect: String, Sendable, CaseIterable {
    case international
    case nl
}

extension PlanReport {
    /// The columns of assignments.csv: SPEC §4's, then what coordinators
    /// join back by hand (region, network, urgency, needs).
    public static let csvColumns = [
        "id", "status", "service", "facilityOrTeam", "mode", "careType", "startDate", "waitDays",
        "distanceKm", "cost", "reason", "explanation", "region", "network", "urgency", "needs",
    ]

    /// One row per case, in input order.
    public var rows: [AssignmentRow] {
        let cases = plan.problem.cases
        let network = plan.problem.landscape.networkOfRegion
        return zip(plan.assignments, cases).map { a, c in
            var row = AssignmentRow(
                id: a.caseID.rawValue, placed: a.isPlaced, cost: a.cost, region: c.region.rawValue,
                network: network[c.region]?.rawValue ?? "", urgency: c.urgency.rawValue, needs: c.needs.map(\.rawValue).joined(separator: "|"))
            row.previousService = c.previousService?.rawValue ?? ""
            row.changed = c.previousService != nil && a.service?.id != c.previousService
            if let candidate = a.candidate, let s = a.service {
                row.service = s.id.rawValue
                row.facilityOrTeam = s.facility?.rawValue ?? s.id.rawValue
                row.mode = s.mode.rawValue
                row.careType = candidate.careType.rawValue
                row.startDate = candidate.start
                row.waitDays = candidate.waitDays
                row.distanceKm = candidate.distanceKm
            } else {
                row.reason = a.reason?.rawValue ?? ""
                row.explanation = a.explanation?.text(in: language.catalogue) ?? ""
            }
            return row
        }
    }

    /// With `--previous` (SPEC §9), after the others.
    public static let previousColumns = ["previousService", "changed"]

    public var assignmentsCSV: String { assignmentsCSV(.international) }

    public func assignmentsCSV(_ dialect: CSVDialect) -> String {
        let separator = dialect == .nl ? ";" : ","
        func number(_ x: Double?, _ digits: Int) -> String {
            guard let x else { return "" }
            let text = Self.fixed(x, digits)
            return dialect == .nl ? text.replacingOccurrences(of: ".", with: ",") : text
        }
        func field(_ s: String) -> String { Self.csvField(s, separator: separator) }
        var lines = [(Self.csvColumns + (withPrevious ? Self.previousColumns : [])).joined(separator: separator)]
        let rows = self.rows
        lines.reserveCapacity(rows.count + 1)
        for r in rows {
            let fields = [
                r.id, r.placed ? "placed" : "unplaced", r.service, r.facilityOrTeam, r.mode, r.careType,
                r.startDate?.description ?? "", r.waitDays.map(String.init) ?? "", number(r.distanceKm, 1), number(r.cost, 2),
                r.reason, r.explanation, r.region, r.network, r.urgency, r.needs,
            ] + (withPrevious ? [r.previousService, r.changed ? "true" : "false"] : [])
            lines.append(fields.map(field).joined(separator: separator))
        }
        return (dialect == .nl ? "\u{FEFF}" : "") + lines.joined(separator: "\n") + "\n"
    }

    /// A field as it stands, or quoted when it holds the separator, a quote
    /// or a line break (read byte by byte: a field is read many times a row).
    package static func csvField(_ s: String, separator: String = ",") -> String {
        let split = separator.utf8.first ?? UInt8(ascii: ",")
        guard s.utf8.contains(where: { $0 == split || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
