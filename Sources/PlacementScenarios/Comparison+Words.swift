import Foundation

extension ScenarioComparison {
    /// The change in one scenario in a sentence an alderman reads: children
    /// without a place first, then waits, trips, help at home and outside the
    /// network ("halving secure care: no more children without a place (37, as
    /// in the baseline); waits +1.6 days on average").
    public func inWords(_ k: Int) -> String {
        func metric(_ key: String) -> Metric? { metrics.first { $0.key == key } }
        func signed(_ x: Double, _ digits: Int) -> String {
            let text = String(format: "%+.\(digits)f", locale: nil, x)
            return words.decimal(text.replacingOccurrences(of: "-", with: "−"))
        }
        var parts: [String] = []
        if let unplaced = metric("unplaced") {
            let now = Int(unplaced.values[k]), delta = Int(unplaced.deltas[k].rounded())
            let crisis = metric("unplaced.crisis").map { Int($0.deltas[k].rounded()) } ?? 0
            switch delta {
            case 0: parts.append(words.unplacedSame(now: now))
            case ..<0: parts.append(words.unplacedFewer(-delta, now: now))
            default: parts.append(words.unplacedMore(delta, now: now, crisis: crisis))
            }
        }
        for (key, what) in [("waitDays.mean", ChangeSubject.waits), ("distanceKm.mean", .trips)] {
            guard let m = metric(key) else { continue }
            let d = m.deltas[k]
            // shorter waits or trips because fewer children are placed are no gain: say so
            let fewerPlaced = d < 0 && (metric("unplaced")?.deltas[k] ?? 0) > 0
            parts.append(abs(d) < 0.05 ? words.unchanged(what) : words.changed(what, by: signed(d, 1)) + (fewerPlaced ? words.ofFewerPlaced : ""))
        }
        for (key, what) in [("shareHomeBased", ShareSubject.atHome), ("shareOutsideNetwork", .outsideNetwork)] {
            guard let m = metric(key), abs(m.deltas[k]) >= 0.0005 else { continue }
            parts.append(words.share(what, by: signed(m.deltas[k] * 100, 1)))
        }
        return parts.joined(separator: "; ")
    }

    /// Whether the difference shows as zero at the digits the table uses.
    func showsNoChange(_ m: Metric, _ k: Int) -> Bool {
        let scale = pow(10, Double(m.digits + (m.percent ? 2 : 0)))
        return (m.deltas[k] * scale).rounded() == 0
    }

    /// The metrics in reading order: the objective last, it explains least.
    var metricsForReaders: [Metric] {
        metrics.filter { $0.key != "objective" } + metrics.filter { $0.key == "objective" }
    }
}
