import Foundation

extension PlanReport {
    /// SPEC §9: the children placed last week who get another service or
    /// none this week, each with why (who took the place, or that it is
    /// gone); empty without a previous plan.
    public var movesText: String {
        guard withPrevious else { return "" }
        let rows = self.rows
        let before = rows.filter { !$0.previousService.isEmpty }.count
        let moved = rows.filter(\.changed)
        var newcomers: [String: [AssignmentRow]] = [:]
        for r in rows where r.placed && r.service != r.previousService { newcomers[r.service, default: []].append(r) }
        var out = "changed since last week: \(moved.count) of the \(before) children placed then"
        out += moved.isEmpty ? " (no child is moved)\n" : "\n"
        for r in moved.prefix(20) {
            let now = r.placed ? "now \(r.service)" : "now without a place"
            let takers = newcomers[r.previousService] ?? []
            let why: String
            if takers.isEmpty {
                why = "no place at \(r.previousService) for it within the horizon any more"
            } else {
                why = "its place went to " + takers.prefix(3).map { "\($0.id) (\($0.urgency))" }.joined(separator: ", ")
                    + (takers.count > 3 ? " and \(takers.count - 3) more" : "")
            }
            out += "  \(r.id): \(r.previousService), \(now): \(why)\n"
        }
        if moved.count > 20 { out += "  … and \(moved.count - 20) more (see assignments.csv, column changed)\n" }
        return out
    }
}
