/// SPEC §3 Cost, every term in one named place, in km-equivalents.
public struct CostTerms: Hashable, Sendable {
    public var distance: Double
    public var waiting: Double
    public var residential: Double
    public var outsideNetwork: Double
    /// SPEC §9: moved from last week's service (another service, or none).
    public var change: Double = 0
    /// The slot-independent terms, then the wait: summed in the order
    /// ``CostModel/cost(base:waitWeight:waitDays:)`` sums them.
    public var total: Double { CostModel.cost(base: distance + residential + outsideNetwork + change, waiting: waiting) }
}

/// THE cost of SPEC §3: the flow, the MIP columns, the reports and the
/// explanations all price an assignment through these functions. The cost
/// splits into a slot-independent part (distance, residential, outside the
/// network: fixed per case and service) and the wait (its weight per case
/// times the days), so that a problem can price every slot of a service
/// from one number per pair.
public struct CostModel: Sendable {
    public let weights: Weights
    public let planningDate: Day

    public init(landscape: Landscape) {
        weights = landscape.weights
        planningDate = landscape.planningDate
    }

    /// The day help can start at the earliest: max(readyDate, planningDate).
    public func ready(_ c: Case) -> Day { max(c.readyDate ?? planningDate, planningDate) }

    public func waitDays(_ c: Case, release: Day) -> Int { max(0, release - ready(c)) }

    public func startDate(_ c: Case, release: Day) -> Day { max(release, ready(c)) }

    /// u(c): the urgency factor, raised by the days already waited when
    /// `agingDays` is set: urgency × (1 + waited/agingDays), waited =
    /// max(0, planningDate − readyDate).
    public func urgencyFactor(_ c: Case) -> Double {
        let u = weights.factor(c.urgency)
        guard weights.agingDays > 0, let ready = c.readyDate else { return u }
        return u * (1 + Double(max(0, planningDate - ready)) / weights.agingDays)
    }

    /// perWaitDay·u(c): the cost of one day of waiting for c.
    public func waitWeight(_ c: Case) -> Double { weights.perWaitDay * urgencyFactor(c) }

    /// perKm·km + residential + outsideNetwork (+ change, when the case had
    /// another service last week): what does not depend on the slot.
    public func baseCost(distanceKm: Double, mode: ServiceMode, outsideNetwork: Bool, moved: Bool = false) -> Double {
        weights.perKm * distanceKm + (mode == .residential ? weights.residential : 0) + (outsideNetwork ? weights.outsideNetwork : 0)
            + (moved ? weights.change : 0)
    }

    /// SPEC §9: whether `c` was placed last week somewhere other than `s`
    /// (nil: unplaced now).
    public func moved(_ c: Case, to s: ServiceID?) -> Bool {
        guard let previous = c.previousService else { return false }
        return s != previous
    }

    /// The cost of an assignment from its two parts.
    @inlinable
    public static func cost(base: Double, waitWeight: Double, waitDays: Int) -> Double {
        cost(base: base, waiting: waitWeight * Double(waitDays))
    }

    @inlinable
    static func cost(base: Double, waiting: Double) -> Double { base + waiting }

    public func terms(_ c: Case, mode: ServiceMode, distanceKm: Double, release: Day, outsideNetwork: Bool, moved: Bool = false) -> CostTerms {
        CostTerms(
            distance: weights.perKm * distanceKm,
            waiting: waitWeight(c) * Double(waitDays(c, release: release)),
            residential: mode == .residential ? weights.residential : 0,
            outsideNetwork: outsideNetwork ? weights.outsideNetwork : 0,
            change: moved ? weights.change : 0)
    }

    /// unplaced·u(c) (+ change, when the case was placed last week).
    public func unplacedCost(_ c: Case) -> Double {
        weights.unplaced * urgencyFactor(c) + (c.previousService != nil ? weights.change : 0)
    }
}
