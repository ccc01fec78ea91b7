import Foundation

/// "name: 7/20 replications, about 1 min left" on one line of a terminal.
final class ProgressLine: Sendable {
    let name: String
    let start = ContinuousClock.now

    init(_ name: String) { self.name = name }

    @Sendable func report(done: Int, total: Int) {
        let elapsed = (ContinuousClock.now - start).components.seconds
        let left = done > 0 ? Int(Double(elapsed) / Double(done) * Double(total - done)) : 0
        let time = left >= 120 ? "about \(left / 60) min left" : "about \(left) s left"
        FileHandle.standardError.write(Data("\r\(name): \(done)/\(total) replications, \(time)   ".utf8))
    }
}
