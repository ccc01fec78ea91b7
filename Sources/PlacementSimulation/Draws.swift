import Foundation
public import PlacementModel

/// The random streams of a simulation: one per replication and kind of
/// draw, and per child for what happens to that child, so that no draw
/// shifts another. Two simulations with the same seed see the same children
/// arrive on the same days, with the same stays and the same step-downs
/// (common random numbers), whatever else differs.
public struct Streams: Sendable {
    public enum Kind: UInt64, Sendable {
        case arrivals = 1, profiles, stays, stepDowns
    }

    let base: UInt64

    public init(seed: UInt64, replication: Int) {
        var mixer = SplitMix64(seed: seed, stream: UInt64(replication) &+ 0x5EED)
        base = mixer.next()
    }

    /// The replication's stream of one kind.
    public func stream(_ kind: Kind) -> SplitMix64 { SplitMix64(seed: base, stream: kind.rawValue) }

    /// Child `serial`'s own stream of one kind.
    public func child(_ serial: Int, _ kind: Kind) -> SplitMix64 {
        SplitMix64(seed: base ^ kind.rawValue &* 0x9E37_79B9_7F4A_7C15, stream: UInt64(serial) &+ 1)
    }
}

/// The distributions a simulation draws from.
public enum Draw {
    /// Poisson(λ): Knuth's product of uniforms, in pieces of λ ≤ 16 (a sum
    /// of independent Poisson counts is Poisson with the summed mean).
    public static func poisson(_ lambda: Double, _ rng: inout SplitMix64) -> Int {
        guard lambda > 0 else { return 0 }
        var left = lambda, count = 0
        while left > 0 {
            let piece = min(left, 16)
            left -= piece
            let limit = exp(-piece)
            var product = rng.unit()
            while product > limit {
                count += 1
                product *= rng.unit()
            }
        }
        return count
    }

    /// A standard normal (Box–Muller, one of the pair).
    public static func normal(_ rng: inout SplitMix64) -> Double {
        let u = 1 - rng.unit()  // in (0, 1]
        let v = rng.unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// A stay in whole days, at least 1.
    public static func stayDays(_ stay: Simulation.Stay, _ rng: inout SplitMix64) -> Int {
        let x: Double
        switch stay.distribution {
        case .fixed:
            x = stay.meanDays
        case .exponential:
            x = -stay.meanDays * log(1 - rng.unit())
        case .lognormal:
            let s2 = log(1 + stay.cv * stay.cv)
            x = exp(log(stay.meanDays) - s2 / 2 + s2.squareRoot() * normal(&rng))
        }
        return max(1, Int(min(x, 1e6).rounded()))
    }
}
