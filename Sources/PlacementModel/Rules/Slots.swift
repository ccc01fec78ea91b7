/// Places of one service released on one date (SPEC §3 Slots), grouped:
/// `count` identical slots.
public struct SlotGroup: Hashable, Sendable {
    public var service: Int
    public var release: Day
    public var count: Int

    public init(service: Int, release: Day, count: Int) {
        self.service = service
        self.release = release
        self.count = count
    }
}

public enum SlotRule {
    /// The slot groups of `s`, by release date: `capacity - |occupied|` on the
    /// planning date, one per occupied date (those on or before the planning
    /// date count on it), none after the horizon end (that day included).
    public static func groups(of s: Service, index: Int, landscape: Landscape) -> [SlotGroup] {
        var counts: [Day: Int] = [:]
        let free = freePlaces(s)
        if free > 0 { counts[landscape.planningDate] = free }
        for d in s.occupied {
            let release = max(d, landscape.planningDate)
            if release <= landscape.horizonEnd { counts[release, default: 0] += 1 }
        }
        return counts.keys.sorted().map { SlotGroup(service: index, release: $0, count: counts[$0] ?? 0) }
    }

    /// The places free on the planning date: the capacity beyond the occupied places, if any.
    public static func freePlaces(_ s: Service) -> Int { max(0, s.capacity - s.occupied.count) }
}
