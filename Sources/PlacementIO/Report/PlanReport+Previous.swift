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
        let words = language.catalogue
        var out = words.movedSince(moved.count, of: before) + "\n"
        for r in moved.prefix(20) {
            let takers = newcomers[r.previousService] ?? []
            let why = takers.isEmpty ? words.noPlaceAnyMore(at: r.previousService)
                : words.placeWentTo(takers.prefix(3).map { "\($0.id) (\($0.urgency))" }.joined(separator: ", "), more: max(0, takers.count - 3))
            out += "  \(r.id): \(r.previousService), \(words.nowAt(r.placed ? r.service : nil)): \(why)\n"
        }
        if moved.count > 20 { out += words.movedMore(moved.count - 20) + "\n" }
        return out
    }
}
