@testable import Placement
import Testing

/// The flow's searches take nodes from a radix heap: in order of distance,
/// equal distances in the order reached, whatever was pushed before. A
/// node taken out of order would make a plan that is not optimal (caught
/// by its dual proof, then GLPK takes over: slow, not wrong), a different
/// order among equal keys a different plan of the same cost on another run.
@Suite("Radix heap (the order in which the flow's searches take nodes)")
struct RadixHeapTests {
    /// A small deterministic generator, so that a failure can be replayed.
    struct Mix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D1_049E_B3C4_9D2F
            return z ^ (z >> 31)
        }
    }

    @Test("takes keys in order, equal keys first pushed first taken, like a sorted list")
    func takesInOrder() {
        var random = Mix(state: 17)
        for _ in 0..<300 {
            var heap = RadixHeap()
            // the reference: every entry not yet taken, as (key, push order)
            var waiting: [(key: Double, seq: Int32)] = []
            var last = 0.0
            var seq: Int32 = 0
            for _ in 0..<Int.random(in: 1...200, using: &random) {
                for _ in 0..<Int.random(in: 0...4, using: &random) {
                    // Dijkstra's keys: the last taken plus a step, often 0, of any size
                    let step = Bool.random(using: &random) ? 0 : Double.random(in: 0...1_000, using: &random) * (Bool.random(using: &random) ? 1 : 1e-6)
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
