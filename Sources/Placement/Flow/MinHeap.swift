import PlacementModel

/// A 4-ary min-heap of (key, node) with lazy deletion (a node may be in it
/// more than once; the caller skips stale entries). Four children per node:
/// a shallower heap, and the children of a node share a cache line.
struct MinHeap {
    struct Entry {
        var key: Double
        var node: Int32
    }
    private var entries: [Entry] = []

    mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
    }

    mutating func push(_ key: Double, _ node: Int32) {
        entries.append(Entry(key: key, node: node))
        entries.withUnsafeMutableBufferPointer { e in
            var i = e.count - 1
            let item = e[i]
            while i > 0 {
                let parent = (i - 1) >> 2
                if e[parent].key <= item.key { break }
                e[i] = e[parent]
                i = parent
            }
            e[i] = item
        }
    }

    mutating func pop() -> (Double, Int32)? {
        guard let top = entries.first, let last = entries.popLast() else { return nil }
        if entries.isEmpty { return (top.key, top.node) }
        entries.withUnsafeMutableBufferPointer { e in
            let count = e.count
            var i = 0
            while true {
                let first = 4 * i + 1
                if first >= count { break }
                var child = first
                var best = e[first].key
                let end = min(first + 4, count)
                var c = first + 1
                while c < end {
                    if e[c].key < best { best = e[c].key; child = c }
                    c += 1
                }
                if best >= last.key { break }
                e[i] = e[child]
                i = child
            }
            e[i] = last
        }
        return (top.key, top.node)
    }
}
