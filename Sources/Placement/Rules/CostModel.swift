/// SPEC §3 Cost, every term in one named place, in km-equivalents.
public struct CostTerms: Hashable, Sendable {
    public var distance: Double
    public var waiting: Double
    public var residential: Double
    public var outsideNetwork: Double
    public var total: Double { distance + waiting + residential + outsideNetwork }
}

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

    public func terms(_ c: Case, mode: ServiceMode, distanceKm: Double, release: Day, outsideNetwork: Bool) -> CostTerms {
        CostTerms(
            distance: weights.perKm * distanceKm,
            waiting: weights.perWaitDay * weights.factor(c.urgency) * Double(waitDays(c, release: release)),
            residential: mode == .residential ? weights.residential : 0,
            outsideNetwork: outsideNetwork ? weights.outsideNetwork : 0)
    }

    public func unplacedCost(_ c: Case) -> Double { weights.unplaced * weights.factor(c.urgency) }
}
