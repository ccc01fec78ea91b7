import Dispatch
import PlacementModel
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

    /// A row of items per index, `row` appending index i's, the indices in
    /// chunks over the cores, joined in index order: all items, and where
    /// each index's row starts (row i is `items[starts[i]..<starts[i + 1]]`).
    static func rows<T: Sendable>(_ count: Int, _ row: @Sendable (Int, inout [T]) -> Void) -> (items: [T], starts: [Int]) {
        let chunks = map(count) { range in
            var items: [T] = [], ends: [Int] = []
            for i in range {
                row(i, &items)
                ends.append(items.count)
            }
            return (items: items, ends: ends)
        }
        var items: [T] = [], starts = [0]
        items.reserveCapacity(chunks.reduce(0) { $0 + $1.items.count })
        starts.reserveCapacity(count + 1)
        for chunk in chunks {
            let offset = items.count
            for end in chunk.ends { starts.append(offset + end) }
            items += chunk.items
        }
        return (items, starts)
    }
}

extension Chunked {
    /// `work(i)` for every i in `0..<count` on `jobs` threads, results in
    /// index order (the same whatever `jobs`); the first error is thrown once
    /// all threads have stopped taking indices. `progress` hears (done, count).
    static func each<T: Sendable>(
        _ count: Int, jobs: Int, progress: (@Sendable (Int, Int) -> Void)? = nil, _ work: @Sendable (Int) throws -> T
    ) throws -> [T] {
        let results = Mutex<[T?]>(Array(repeating: nil, count: count))
        let failure = Mutex<(any Error)?>(nil)
        let next = Atomic<Int>(0), done = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, count))) { _ in
            while failure.withLock({ $0 == nil }) {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard k < count else { return }
                do {
                    let result = try work(k)
                    results.withLock { $0[k] = result }
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                }
                progress?(done.add(1, ordering: .relaxed).newValue, count)
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return results.withLock { $0.compactMap { $0 } }
    }
}
