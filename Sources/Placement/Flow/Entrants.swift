import PlacementModel

/// The cases that entered each chain node, as doubly linked lists over the
/// cases (a case enters at most one node).
struct Entrants {
    var head: [Int32]
    var next: [Int32]
    var previous: [Int32]

    init(nodes: Int, cases: Int) {
        head = [Int32](repeating: -1, count: nodes)
        next = [Int32](repeating: -1, count: cases)
        previous = [Int32](repeating: -1, count: cases)
    }

    mutating func add(_ c: Int32, to x: Int) {
        let h = head[x]
        next[Int(c)] = h
        previous[Int(c)] = -1
        if h >= 0 { previous[Int(h)] = c }
        head[x] = c
    }

    mutating func remove(_ c: Int32, from x: Int) {
        let p = previous[Int(c)], q = next[Int(c)]
        if p >= 0 { next[Int(p)] = q } else { head[x] = q }
        if q >= 0 { previous[Int(q)] = p }
        next[Int(c)] = -1
        previous[Int(c)] = -1
    }

    @inline(__always)
    func forEach(_ x: Int, _ body: (Int32) -> Void) {
        var c = head[x]
        while c >= 0 {
            body(c)
            c = next[Int(c)]
        }
    }
}
