import Foundation

/// "name: 7/20 replications, about 1 min left" on one line of a terminal.
final class ProgressLine: Sendable {
    let name: String
    let unit: String
    let start = ContinuousClock.now

    init(_ name: String, unit: String = "replications") {
        self.name = name
        self.unit = unit
    }

    @Sendable func report(done: Int, total: Int) {
        let elapsed = (ContinuousClock.now - start).components.seconds
        let left = done > 0 ? Int(Double(elapsed) / Double(done) * Double(total - done)) : 0
        let time = left >= 120 ? "about \(left / 60) min left" : "about \(left) s left"
        FileHandle.standardError.write(Data("\r\(name): \(done)/\(total) \(unit), \(time)   ".utf8))
    }
}
