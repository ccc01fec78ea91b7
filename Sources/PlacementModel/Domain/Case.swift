/// One child who needs specialist help (SPEC §2). Only the pseudonymous id
/// ever appears in output or logs.
public struct Case: Hashable, Sendable {
    public var id: CaseID
    public var home: GeoPoint
    public var region: RegionID
    public var age: Int
    public var sex: Sex?
    /// Acceptable care types, in the order given (the first one a service
    /// offers is the care type used).
    public var needs: [CareTypeID]
    public var urgency: Urgency = .normal
    public var readyDate: Day?
    public var requiresSecure = false
    public var homeBasedPossible = true
    public var maxDistanceKm: Double?
    public var siblingGroup: String?
    public var conflictsWith: [CaseID] = []
    public var pinnedService: ServiceID?
    public var forbiddenServices: Set<ServiceID> = []
    /// SPEC §9: the service last week's plan gave this case (from
    /// `--previous`); any other service, or none, costs `weights.change` more.
    public var previousService: ServiceID?

    public init(id: CaseID, home: GeoPoint, region: RegionID, age: Int, needs: [CareTypeID]) {
        self.id = id
        self.home = home
        self.region = region
        self.age = age
        self.needs = needs
    }
}
