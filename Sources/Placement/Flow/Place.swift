import PlacementModel

/// A place of a slot group in the auction: its price and who holds it.
struct Place {
    var price: Double
    var holder: Int32

    /// Adds to a binary min-heap by price.
    static func push(_ place: Place, into heap: inout [Place]) {
        heap.append(place)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if heap[parent].price <= place.price { break }
            heap[i] = heap[parent]
            i = parent
        }
        heap[i] = place
    }

    /// Replaces the heap's cheapest place by `place`; returns who held it.
    static func replaceCheapest(in heap: inout [Place], with place: Place) -> Int32 {
        let out = heap[0].holder
        var i = 0
        let count = heap.count
        while true {
            var child = 2 * i + 1
            if child >= count { break }
            if child + 1 < count && heap[child + 1].price < heap[child].price { child += 1 }
            if heap[child].price >= place.price { break }
            heap[i] = heap[child]
            i = child
        }
        heap[i] = place
        return out
    }
}
