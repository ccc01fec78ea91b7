import Foundation
public import PlacementModel

/// Small inputs for rule tests, built in code.
public enum Fixture {
    public static let planning = Day(year: 2026, month: 11, day: 23) ?? Day(number: 0)

    public static func landscape(_ services: [Service] = []) -> Landscape {
        var l = Landscape(planningDate: planning)
        l.careTypes = ["secure", "fact", "home", "day"].map { CareType(id: CareTypeID($0), name: $0) }
        l.networks = [Network(id: "noord", name: "Noord"), Network(id: "oost", name: "Oost")]
        l.regions = [Region(id: "groningen", name: "Groningen", network: "noord"), Region(id: "twente", name: "Twente", network: "oost")]
        l.services = services
        var facilities: [FacilityID: Facility] = [:]
        for s in services {
            guard let f = s.facility else { continue }
            facilities[f, default: Facility(id: f, name: f.rawValue, region: s.region, location: s.location, services: [])].services.append(s.id)
        }
        l.facilities = facilities.values.sorted { $0.id < $1.id }
        return l
    }

    public static let groningen = GeoPoint(lat: 53.2194, lon: 6.5665)
    public static let enschede = GeoPoint(lat: 52.2215, lon: 6.8937)

    public static func service(
        _ id: String, facility: String? = "F1", mode: ServiceMode = .residential, careTypes: [CareTypeID] = ["home"],
        capacity: Int = 1, secure: Bool = false, at location: GeoPoint = groningen, region: RegionID = "groningen",
        ages: ClosedRange<Int>? = nil, sexes: Set<Sex>? = nil, maxTravelKm: Double? = nil, occupied: [Day] = []
    ) -> Service {
        Service(
            id: ServiceID(id), name: id, facility: facility.map { FacilityID($0) }, region: region, location: location,
            careTypes: careTypes, mode: facility == nil ? .outreach : mode, capacity: capacity, secure: secure,
            ages: ages, sexes: sexes, maxTravelKm: facility == nil ? (maxTravelKm ?? 50) : maxTravelKm, occupied: occupied)
    }

    public static func child(_ id: String, needs: [CareTypeID] = ["home"], at home: GeoPoint = groningen, region: RegionID = "groningen", age: Int = 14) -> Case {
        Case(id: CaseID(id), home: home, region: region, age: age, needs: needs)
    }

    /// Writes files into a fresh temporary folder and returns their paths.
    public static func files(_ contents: [String: String]) throws -> [String: String] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("careplace-placement-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var paths: [String: String] = [:]
        for (name, text) in contents {
            let path = dir.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths[name] = path
        }
        return paths
    }
}
