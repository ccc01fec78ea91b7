import Dispatch
import Synchronization

/// Work over `0..<count` in chunks on all cores, results in chunk order:
/// the same whatever the number of threads, as long as `work` gives each
/// index the same answer alone (the callers concatenate per-index results).
enum Chunked {
    /// Indices per chunk: small enough to balance two or more cores, large
    /// enough that a chunk's setup does not show.
    static let size = 256

    static func map<T: Sendable>(_ count: Int, _ work: @Sendable (Range<Int>) -> T) -> [T] {
        let chunks = (count + size - 1) / size
        guard chunks > 1 else { return count > 0 ? [work(0..<count)] : [] }
        let results = Mutex<[T?]>(Array(repeating: nil, count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { k in
            let result = work(k * size..<min(count, (k + 1) * size))
            results.withLock { $0[k] = result }
        }
        return results.withLock { $0.compactMap { $0 } }
    }
}
