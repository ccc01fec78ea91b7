/// Why a case may not get a service: one case per rule of SPEC §3
/// Compatibility, in the SPEC's order.
public enum Incompatibility: Hashable, Sendable, CustomStringConvertible {
    /// Rule 1: the service offers none of the needed care types.
    case careType
    /// Rule 2: the child's age is outside the service's range.
    case age(ClosedRange<Int>)
    /// Rule 3: secure care needs a court order, and a court order needs secure care.
    case secure(required: Bool)
    /// Rule 4: the service is for some sexes only and the child's is not among them (or unknown).
    case sex
    /// Rule 5: teams and day services need help at home to be possible.
    case notHomeBased
    /// Rule 5: farther than the service's travel limit.
    case serviceTravelLimit(km: Double, limit: Double)
    /// Rule 6: farther than the family's limit for residential and day services.
    case familyDistanceLimit(km: Double, limit: Double)
    /// Rule 7: listed in the case's forbidden services.
    case forbidden
    /// Rule 7: the case is pinned to another service.
    case pinnedElsewhere
    /// Scenario policy `ownNetworkOnly` (SPEC §6): the service is in another network.
    case outsideOwnNetwork

    public var description: String {
        func km(_ v: Double) -> String { String(Int(v.rounded())) }
        switch self {
        case .careType: return "offers none of the needed care types"
        case .age(let range): return "takes ages \(range.lowerBound)–\(range.upperBound)"
        case .secure(let required): return required ? "is not secure care (the child has a court order)" : "is secure care (no court order)"
        case .sex: return "is not for the child's sex"
        case .notHomeBased: return "helps at home, which is not possible for this child"
        case .serviceTravelLimit(let d, let limit): return "is \(km(d)) km away, beyond its \(km(limit)) km travel limit"
        case .familyDistanceLimit(let d, let limit): return "is \(km(d)) km away, beyond the family's \(km(limit)) km limit"
        case .forbidden: return "is excluded for this case"
        case .pinnedElsewhere: return "is not the service the case is pinned to"
        case .outsideOwnNetwork: return "is outside the child's own network (own-network-only policy)"
        }
    }
}

/// SPEC §3 Compatibility (hard rules), each checked in its own function.
public enum CompatibilityRule {
    /// The first rule that excludes `s` for `c`, or nil when compatible.
    /// `outsideNetworkBanned`: the landscape's own-network-only policy is on
    /// and `s` lies outside the child's network (``Landscape/bansPlacement(of:at:)``).
    public static func check(_ c: Case, _ s: Service, distanceKm: Double, outsideNetworkBanned: Bool = false) -> Incompatibility? {
        careType(c, s) ?? age(c, s) ?? secure(c, s) ?? sex(c, s) ?? homeBased(c, s, distanceKm)
            ?? familyDistance(c, s, distanceKm) ?? decisions(c, s) ?? (outsideNetworkBanned ? .outsideOwnNetwork : nil)
    }

    /// The care type used: the first of the child's needs the service offers.
    public static func careTypeUsed(_ c: Case, _ s: Service) -> CareTypeID? {
        c.needs.first { s.careTypes.contains($0) }
    }

    public static func careType(_ c: Case, _ s: Service) -> Incompatibility? {
        careTypeUsed(c, s) == nil ? .careType : nil
    }

    static func age(_ c: Case, _ s: Service) -> Incompatibility? {
        guard let ages = s.ages, !ages.contains(c.age) else { return nil }
        return .age(ages)
    }

    static func secure(_ c: Case, _ s: Service) -> Incompatibility? {
        c.requiresSecure == s.secure ? nil : .secure(required: c.requiresSecure)
    }

    static func sex(_ c: Case, _ s: Service) -> Incompatibility? {
        guard let sexes = s.sexes else { return nil }
        guard let sex = c.sex, sexes.contains(sex) else { return .sex }
        return nil
    }

    static func homeBased(_ c: Case, _ s: Service, _ km: Double) -> Incompatibility? {
        if s.mode.isHomeBased && !c.homeBasedPossible { return .notHomeBased }
        if let limit = s.maxTravelKm, km > limit { return .serviceTravelLimit(km: km, limit: limit) }
        return nil
    }

    static func familyDistance(_ c: Case, _ s: Service, _ km: Double) -> Incompatibility? {
        guard s.mode != .outreach, let limit = c.maxDistanceKm, km > limit else { return nil }
        return .familyDistanceLimit(km: km, limit: limit)
    }

    static func decisions(_ c: Case, _ s: Service) -> Incompatibility? {
        if c.forbiddenServices.contains(s.id) { return .forbidden }
        if let pin = c.pinnedService, pin != s.id { return .pinnedElsewhere }
        return nil
    }
}
