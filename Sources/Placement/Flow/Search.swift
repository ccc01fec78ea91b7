import PlacementModel

/// Dijkstra's working arrays, reset in time proportional to what the last
/// search touched.
struct Search {
    var distance: [Double]
    var settled: [Bool]
    var predecessor: [Int32]
    var touched: [Int32] = []
    var heap = RadixHeap()
    /// Nodes reached at exactly the distance last taken (over an arc of
    /// reduced cost 0, half of all at 20,000 children): taken next, in the
    /// reverse order reached, without the heap.
    var level: [Int32] = []
    var current = 0.0

    init(nodes: Int) {
        distance = [Double](repeating: .infinity, count: nodes)
        settled = [Bool](repeating: false, count: nodes)
        predecessor = [Int32](repeating: -1, count: nodes)
    }

    mutating func reset() {
        for v in touched {
            distance[Int(v)] = .infinity
            settled[Int(v)] = false
            predecessor[Int(v)] = -1
        }
        touched.removeAll(keepingCapacity: true)
        heap.removeAll()
        level.removeAll(keepingCapacity: true)
        current = 0
    }

    /// The next (distance, node) to take: the level's first, else the heap's least.
    mutating func next() -> (Double, Int32)? {
        if let v = level.popLast() { return (current, v) }
        guard let (d, v) = heap.pop() else { return nil }
        current = d
        return (d, v)
    }

    /// True when v is now reached from u.
    @inline(__always) @discardableResult
    mutating func reach(_ v: Int, _ d: Double, from u: Int) -> Bool {
        if distance[v] == .infinity { touched.append(Int32(v)) }
        guard d < distance[v] else { return false }
        distance[v] = d
        predecessor[v] = Int32(u)
        if d == current { level.append(Int32(v)) } else { heap.push(d, Int32(v)) }
        return true
    }
}
