@testable import Placement
import PlacementModel
import Testing

/// The flow's searches take nodes from a radix heap: in order of distance,
/// equal distances in the order reached, whatever was pushed before. A
/// node taken out of order would make a plan that is not optimal (caught
/// by its dual proof, then GLPK takes over: slow, not wrong), a different
/// order among equal keys a different plan of the same cost on another run.
@Suite("Radix heap (the order in which the flow's searches take nodes)")
struct RadixHeapTests {
    @Test("takes keys in order, equal keys first pushed first taken, like a sorted list")
    func takesInOrder() {
        // the package's seeded generator: a failure replays
        var random = SplitMix64(seed: 17)
        func below(_ k: Int) -> Int { Int(random.next() % UInt64(k)) }
        for _ in 0..<300 {
            var heap = RadixHeap()
            // the reference: every entry not yet taken, as (key, push order)
            var waiting: [(key: Double, seq: Int32)] = []
            var last = 0.0
            var seq: Int32 = 0
            for _ in 0..<(1 + below(200)) {
                for _ in 0..<below(5) {
                    // Dijkstra's keys: the last taken plus a step, often 0, of any size
                    let step = below(2) == 0 ? 0 : random.unit() * 1_000 * (below(2) == 0 ? 1 : 1e-6)
                    heap.push(last + step, seq)
                    waiting.append((last + step, seq))
                    seq += 1
                }
                let expected = waiting.indices.min { (waiting[$0].key, waiting[$0].seq) < (waiting[$1].key, waiting[$1].seq) }
                let taken = heap.pop()
                guard let expected else {
                    #expect(taken == nil)
                    continue
                }
                #expect(taken?.0 == waiting[expected].key && taken?.1 == waiting[expected].seq)
                last = waiting[expected].key
                waiting.remove(at: expected)
            }
            heap.removeAll()
            #expect(heap.pop() == nil)
        }
    }

    @Test("a key below the last taken (a rounding) is taken next, at the last key; −0 counts as 0")
    func keyBelowLastTaken() {
        var heap = RadixHeap()
        heap.push(-0.0, 1)
        heap.push(5, 2)
        heap.push(9, 3)
        #expect(heap.pop()?.1 == 1)
        #expect(heap.pop()! == (5, 2))
        heap.push(5 - 1e-12, 4)
        heap.push(7, 5)
        #expect(heap.pop()! == (5, 4))
        #expect(heap.pop()! == (7, 5))
        #expect(heap.pop()! == (9, 3))
        #expect(heap.pop() == nil)
    }

    @Test("emptied, it starts again from 0")
    func emptiedStartsAgain() {
        var heap = RadixHeap()
        heap.push(100, 1)
        heap.push(200, 2)
        #expect(heap.pop()! == (100, 1))
        heap.removeAll()
        heap.push(3, 7)
        heap.push(1, 8)
        #expect(heap.pop()! == (1, 8))
        #expect(heap.pop()! == (3, 7))
    }
}
