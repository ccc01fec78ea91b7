import Foundation
import LinearProgramming
import PlacementModel
import Synchronization

/// Ctrl-C or SIGTERM during a long command: the first asks the planner to
/// stop and keep the best plan so far (written as `feasible` with its gap,
/// then exit 130 so that scripts notice); a second exits at once (130).
enum Interruption {
    static let token = CancellationToken()
    static let signals = Atomic<Int>(0)

    static func install() {
        // both initialised here, not lazily inside the handler
        _ = token.isCancelled
        _ = signals.load(ordering: .relaxed)
        // a launcher may have left them blocked (the mask survives exec)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for number in [SIGINT, SIGTERM] {
            signal(number) { _ in
                if Interruption.signals.add(1, ordering: .relaxed).oldValue > 0 { _exit(130) }
                Interruption.token.cancel()
                // write(2) only: it is safe inside a signal handler
                let message: StaticString = "\ncareplace: stopping; the best plan so far will be written (press Ctrl-C again to quit at once)\n"
                _ = message.withUTF8Buffer { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            }
        }
    }

    static var interrupted: Bool { token.isCancelled }
}

/// "planning: 1,234 of 20,000 children, 12 s" on stderr while a plan runs,
/// when stderr is a terminal.
final class PhaseProgress: Sendable {
    /// The phase and when it began.
    let phase = Mutex<(name: String, since: ContinuousClock.Instant)>(("reading", .now))
    /// Set when the line is cleared; checked under the same lock as each
    /// write, so no line follows the clearing.
    let finished = Mutex<Bool>(false)
    let start = ContinuousClock.now
    let token: CancellationToken

    init?(token: CancellationToken, enabled: Bool) {
        guard enabled, isatty(STDERR_FILENO) == 1 else { return nil }
        self.token = token
        let thread = Thread { [self] in
            while finished.withLock({ done in
                if !done { FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8)) }
                return !done
            }) {
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        thread.start()
    }

    var line: String {
        let (name, since) = phase.withLock { $0 }
        let now = ContinuousClock.now
        let seconds = (now - start).components.seconds
        let (done, total) = token.progress
        let count = (name == "planning" || name == "explaining") && total > 0 ? ": \(done) of \(total) children" : ""
        // the explanations go child by child: what is left, from the rate so far (hard side rules take minutes)
        let left = name == "explaining" ? TimeLeft.text(spent: (now - since).seconds, done: done, total: total).map { ", \($0) (Ctrl-C: the plan without them)" } : nil
        return "careplace: \(name)\(count), \(seconds) s\(left ?? "")"
    }

    /// A new phase: its count starts again (the last phase's would read as this one's).
    func enter(_ name: String) {
        token.report(done: 0, of: 0)
        phase.withLock { $0 = (name, .now) }
    }

    func finish() {
        finished.withLock { done in
            if !done { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            done = true
        }
    }
}
