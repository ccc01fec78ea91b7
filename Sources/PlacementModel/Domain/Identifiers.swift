/// A typed identifier: a case id can never be passed where a service id is
/// expected. The raw value is the id as written in the input files.
public struct ID<Kind>: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

public enum CaseKind {}
public enum ServiceKind {}
public enum FacilityKind {}
public enum CareTypeKind {}
public enum RegionKind {}
public enum NetworkKind {}

public typealias CaseID = ID<CaseKind>
/// A facility service or a team: they share one namespace.
public typealias ServiceID = ID<ServiceKind>
public typealias FacilityID = ID<FacilityKind>
public typealias CareTypeID = ID<CareTypeKind>
public typealias RegionID = ID<RegionKind>
public typealias NetworkID = ID<NetworkKind>
