/// The ranges inside which every cost, sum and count of a plan stays finite
/// and exact (a 20,000-child objective summed in doubles, places counted in
/// integers): readers and scenario changes check inputs against them and
/// say the range, so that no finite input can overflow or trap later.
public enum Limits {
    /// Every weight, in km-equivalents (or factors, or days for agingDays).
    public static let weight: ClosedRange<Double> = 0...1_000_000
    /// The detour factor: above 0, at most 10.
    public static let detourFactor: ClosedRange<Double> = 0.000_001...10
    /// A service's capacity or a team's caseload.
    public static let capacity: ClosedRange<Int> = 0...100_000
    /// Cases in one problem, after every scenario change.
    public static let cases = 1_000_000

    /// "a number from 0 to 1000000": the range in a message.
    public static func words(_ range: ClosedRange<Double>) -> String {
        "a number from \(plain(range.lowerBound)) to \(plain(range.upperBound))"
    }

    public static func words(_ range: ClosedRange<Int>) -> String {
        "a whole number from \(range.lowerBound) to \(range.upperBound)"
    }

    static func plain(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x) }
}
