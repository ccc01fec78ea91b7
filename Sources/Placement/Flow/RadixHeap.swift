/// A radix heap of (key, node) for Dijkstra's monotone keys (Ahuja,
/// Mehlhorn, Orlin and Tarjan, 1990): no key pushed is below the last one
/// taken. Keys are non-negative doubles, whose bit patterns sort as the
/// values do. An entry sits in the bucket of the highest bit where its key
/// differs from the last key taken (bucket 0: equal to it); when bucket 0
/// runs out, the first non-empty bucket is spread over the lower ones
/// around its least key. An entry moves down at most 64 times and a push
/// is an append: less work than a comparison heap's sifting. With side
/// rules at 3,000 children, where searches are most of the time, a node of
/// the branch-and-bound took about a quarter less (docs/benchmarks.md).
///
/// Order: by key, equal keys in the order pushed (entries of one key always
/// share a bucket, kept in order). So the order depends on the pushes
/// alone. Lazy deletion as in any such heap: a node may be in it more than
/// once (the caller skips stale entries).
struct RadixHeap {
    struct Entry {
        var key: UInt64
        var node: Int32
    }
    private var buckets = [[Entry]](repeating: [], count: 65)
    /// The last key taken (every key in the heap is at least this).
    private var last: UInt64 = 0
    private var count = 0
    /// Bucket 0's entries before this one have been taken.
    private var front = 0

    mutating func removeAll() {
        guard count > 0 || last != 0 || front != 0 else { return }
        for b in buckets.indices where !buckets[b].isEmpty { buckets[b].removeAll(keepingCapacity: true) }
        last = 0
        count = 0
        front = 0
    }

    /// A key below the last taken (which Dijkstra pushes only by a
    /// rounding) counts as that last key: taken after the others there.
    mutating func push(_ key: Double, _ node: Int32) {
        let bits = max(last, Self.bits(key))
        buckets[Self.bucket(bits, last)].append(Entry(key: bits, node: node))
        count += 1
    }

    mutating func pop() -> (Double, Int32)? {
        guard count > 0 else { return nil }
        if front == buckets[0].count {
            buckets[0].removeAll(keepingCapacity: true)
            front = 0
            refill()
        }
        guard front < buckets[0].count else { return nil }
        let top = buckets[0][front]
        front += 1
        count -= 1
        return (Double(bitPattern: top.key), top.node)
    }

    /// The first non-empty bucket spread around its least key, which becomes the last taken.
    private mutating func refill() {
        var b = 1
        while b < buckets.count && buckets[b].isEmpty { b += 1 }
        guard b < buckets.count else { return }
        let moving = buckets[b]
        buckets[b].removeAll(keepingCapacity: true)
        var least = UInt64.max
        for e in moving where e.key < least { least = e.key }
        last = least
        for e in moving { buckets[Self.bucket(e.key, least)].append(e) }
    }

    @inline(__always)
    private static func bucket(_ key: UInt64, _ last: UInt64) -> Int {
        key == last ? 0 : 64 - (key ^ last).leadingZeroBitCount
    }

    /// A non-negative double's bits (−0 and anything below 0 as +0).
    @inline(__always)
    static func bits(_ key: Double) -> UInt64 {
        key > 0 ? key.bitPattern : 0
    }
}
