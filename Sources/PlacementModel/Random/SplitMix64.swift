/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast generator whose
/// output depends only on the seed. Deliberately not a
/// `RandomNumberGenerator`, so that no standard-library algorithm (whose
/// use of the bits may change between Swift versions) ever touches it.
/// The one generator of the package: instances, scenarios' demand and
/// simulations draw from it, each kind of draw from a stream of its own.
public struct SplitMix64: Sendable, Hashable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// An independent stream for one part of the instance, so that e.g.
    /// turning on sibling groups does not change the landscape.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), 53 random bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in the range (modulo bias below 2^-40 for the ranges used here).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        return span == 0 ? range.lowerBound &+ Int(truncatingIfNeeded: next()) : range.lowerBound + Int(next() % span)
    }

    public mutating func double(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// An index drawn with probability proportional to its weight.
    public mutating func index(weights: [Double]) -> Int {
        var sum = 0.0
        return index(cumulative: weights.map { w in
            sum += max(0, w)
            return sum
        })
    }

    /// An index drawn from cumulative weights (non-decreasing, last = total).
    public mutating func index(cumulative: [Double]) -> Int {
        guard let total = cumulative.last, total > 0 else { return 0 }
        let x = unit() * total
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Fisher–Yates.
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = int(0...i)
            items.swapAt(i, j)
        }
    }
}
