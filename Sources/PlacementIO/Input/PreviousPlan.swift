public import PlacementModel

/// SPEC §9 `--previous OLD/assignments.csv`: last week's plan, as careplace
/// wrote it (either CSV dialect). Each case placed there keeps the service
/// as its `previousService`; rows for children no longer waiting are
/// counted and ignored.
public enum PreviousPlan {
    public struct Applied: Sendable {
        /// Cases of this week that were placed last week.
        public var matched: Int
        /// Rows for children no longer on the list.
        public var ignored: Int
    }

    /// Sets `previousService` on the cases placed in the plan at `path`.
    /// A file that is not a careplace plan, names an unknown service or
    /// repeats a case is bad input: every such problem, with its line.
    public static func apply(_ path: String, to input: inout PlacementInput) throws(InputError) -> Applied {
        let table: CSVTable
        switch InputReader.readTable(path, kind: "is not a careplace plan") {
        case .success(let read): table = read
        case .failure(let problem): throw InputError([problem])
        }
        guard let id = table.header.firstIndex(of: "id"), let status = table.header.firstIndex(of: "status"),
              let service = table.header.firstIndex(of: "service") else {
            throw InputError([InputProblem(
                file: path, line: 1, field: nil,
                message: "is not a careplace plan: found the columns \(shown(table.header.prefix(6).joined(separator: ","))); expected id, status and service (the assignments.csv of careplace solve)")])
        }
        let services = Set(input.landscape.services.map(\.id))
        let caseIndex = Dictionary(input.cases.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var problems: [InputProblem] = []
        var seen: [String: Int] = [:]
        var applied = Applied(matched: 0, ignored: 0)
        for row in table.rows {
            func field(_ k: Int) -> String { k < row.fields.count ? row.fields[k] : "" }
            func problem(_ name: String, _ message: String) { problems.append(InputProblem(file: path, line: row.line, field: name, message: message)) }
            let caseID = field(id)
            if let first = seen[caseID] {
                problem("id", "case \(shown(caseID)) is already on line \(first); expected each case once")
                continue
            }
            seen[caseID] = row.line
            switch field(status) {
            case "unplaced": continue
            case "placed": break
            default:
                problem("status", "found \(shown(field(status))); expected placed or unplaced")
                continue
            }
            let previous = ServiceID(field(service))
            guard services.contains(previous) else {
                problem("service", "found \(shown(previous.rawValue)); expected a service or team of the landscape")
                continue
            }
            guard let c = caseIndex[CaseID(caseID)] else {
                applied.ignored += 1
                continue
            }
            input.cases[c].previousService = previous
            applied.matched += 1
        }
        guard problems.isEmpty else { throw InputError(problems) }
        return applied
    }
}
