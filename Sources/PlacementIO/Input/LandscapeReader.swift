package import PlacementModel
package import Yams

/// Reads a landscape file (SPEC §1): YAML, or JSON (which is YAML). Strict:
/// unknown and duplicate keys are problems, every value is checked, and all
/// problems are reported together.
package struct LandscapeReader {
    package var doc: YAMLDocument
    /// The matrix file named in `distance.matrix`, relative to the landscape file.
    package var matrixPath: String?
    private var careTypeIDs = Set<CareTypeID>()
    private var regionIDs = Set<RegionID>()
    private var seenIDs: [String: Int] = [:]

    package init(file: String) { doc = YAMLDocument(file: file) }

    /// Reads facilities and teams for an existing landscape (scenario
    /// changes): its care types and regions are known, its ids taken.
    package init(file: String, context: Landscape) {
        doc = YAMLDocument(file: file)
        careTypeIDs = Set(context.careTypes.map(\.id))
        regionIDs = Set(context.regions.map(\.id))
        for s in context.services { seenIDs[s.id.rawValue] = 0 }
    }

    package var file: String { doc.file }

    package mutating func read(_ text: String) -> Landscape? {
        guard let root = doc.parse(text) else { return nil }
        let keys: Set<String> = ["planningDate", "horizonDays", "distance", "weights", "careTypes", "networks", "regions", "facilities", "teams"]
        guard let top = doc.top(root, kind: "landscape", allowed: keys, required: ["planningDate"]) else { return nil }
        var landscape = Landscape(planningDate: top["planningDate"].flatMap { doc.day($0, "planningDate") } ?? Day(number: 0))
        if let node = top["horizonDays"] {
            landscape.horizonDays = doc.int(node, "horizonDays", expected: "a whole number of days between 0 and 3650") { (0...3650).contains($0) } ?? landscape.horizonDays
        }
        if let node = top["distance"] { readDistance(node, &landscape) }
        if let node = top["weights"] { landscape.weights = readWeights(node) }
        for (node, path) in items(top["careTypes"], "careTypes") {
            guard let m = doc.mapping(node, path, allowed: ["id", "name"], required: ["id"]),
                  let id = m["id"].flatMap({ doc.string($0, "\(path).id") }) else { continue }
            landscape.careTypes.append(CareType(id: CareTypeID(id), name: m["name"].flatMap { doc.string($0, "\(path).name") } ?? id))
        }
        for (node, path) in items(top["networks"], "networks") {
            guard let m = doc.mapping(node, path, allowed: ["id", "name"], required: ["id"]),
                  let id = m["id"].flatMap({ doc.string($0, "\(path).id") }) else { continue }
            landscape.networks.append(Network(id: NetworkID(id), name: m["name"].flatMap { doc.string($0, "\(path).name") } ?? id))
        }
        for (node, path) in items(top["regions"], "regions") {
            guard let m = doc.mapping(node, path, allowed: ["id", "name", "network"], required: ["id", "network"]),
                  let id = m["id"].flatMap({ doc.string($0, "\(path).id") }),
                  let network = m["network"].flatMap({ doc.string($0, "\(path).network") }) else { continue }
            landscape.regions.append(Region(id: RegionID(id), name: m["name"].flatMap { doc.string($0, "\(path).name") } ?? id, network: NetworkID(network)))
        }
        careTypeIDs = Set(landscape.careTypes.map(\.id))
        regionIDs = Set(landscape.regions.map(\.id))
        let networkIDs = Set(landscape.networks.map(\.id))
        unique(landscape.careTypes.map(\.id.rawValue), top["careTypes"], "careTypes", kind: "care type")
        unique(landscape.networks.map(\.id.rawValue), top["networks"], "networks", kind: "network")
        unique(landscape.regions.map(\.id.rawValue), top["regions"], "regions", kind: "region")
        if let regionNodes = top["regions"]?.sequence {
            for (k, (r, node)) in zip(landscape.regions, regionNodes).enumerated() where !networkIDs.contains(r.network) {
                doc.problem(node, "regions[\(k)].network", "found \(shown(r.network.rawValue)); expected a network listed under networks:")
            }
        }
        var facilityServices: [Service] = []
        for (node, path) in items(top["facilities"], "facilities") {
            if let f = readFacility(node, path, &facilityServices) { landscape.facilities.append(f) }
        }
        var teams: [Service] = []
        for (node, path) in items(top["teams"], "teams") {
            if let t = readTeam(node, path) { teams.append(t) }
        }
        landscape.services = facilityServices + teams
        unique(landscape.facilities.map(\.id.rawValue), top["facilities"], "facilities", kind: "facility")
        return landscape
    }

    /// The items of an optional list with their key paths.
    private mutating func items(_ node: Node?, _ path: String) -> [(Node, String)] {
        guard let node, let items = doc.sequence(node, path) else { return [] }
        return items.enumerated().map { k, item in (item, "\(path)[\(k)]") }
    }

    private mutating func readDistance(_ node: Node, _ landscape: inout Landscape) {
        guard let m = doc.mapping(node, "distance", allowed: ["detourFactor", "matrix"]) else { return }
        if let f = m["detourFactor"] {
            landscape.detourFactor = doc.double(f, "distance.detourFactor", expected: "a number above 0, at most 10") { Limits.detourFactor.contains($0) } ?? landscape.detourFactor
        }
        if let path = m["matrix"] { matrixPath = doc.string(path, "distance.matrix") }
    }

    private mutating func readWeights(_ node: Node) -> Weights {
        var w = Weights()
        let values = doc.weights(node, "weights") ?? [:]
        for e in Weights.table { if let v = values[e.key] { w[keyPath: e.keyPath] = v } }
        return w
    }

    private mutating func location(_ m: [String: Node], _ path: String) -> GeoPoint? {
        let lat = m["lat"].flatMap { doc.double($0, "\(path).lat", expected: "a latitude between -90 and 90") { abs($0) <= 90 } }
        let lon = m["lon"].flatMap { doc.double($0, "\(path).lon", expected: "a longitude between -180 and 180") { abs($0) <= 180 } }
        guard let lat, let lon else { return nil }
        return GeoPoint(lat: lat, lon: lon)
    }

    package mutating func readFacility(_ node: Node, _ path: String, _ services: inout [Service]) -> Facility? {
        let keys: Set<String> = ["id", "name", "region", "lat", "lon", "services"]
        guard let m = doc.mapping(node, path, allowed: keys, required: ["id", "region", "lat", "lon", "services"]) else { return nil }
        let id = m["id"].flatMap { doc.string($0, "\(path).id") }
        let region = m["region"].flatMap { doc.string($0, "\(path).region") }
        let place = location(m, path)
        let name = m["name"].flatMap { doc.string($0, "\(path).name") }
        if let region { checkRegion(region, m["region"], path) }
        guard let id, let region else { return nil }
        // with a bad location the services are still checked (the read fails anyway)
        var facility = Facility(id: FacilityID(id), name: name ?? id, region: RegionID(region), location: place ?? GeoPoint(lat: 0, lon: 0), services: [])
        let serviceNodes = m["services"].flatMap { doc.sequence($0, "\(path).services") } ?? []
        for (k, serviceNode) in serviceNodes.enumerated() {
            if let s = readService(serviceNode, "\(path).services[\(k)]", facility: facility) {
                facility.services.append(s.id)
                services.append(s)
            }
        }
        return facility
    }

    private mutating func capacityFields(_ m: [String: Node], _ path: String, _ service: inout Service, capacityKey: String) {
        if let c = m[capacityKey] {
            service.capacity = doc.int(c, "\(path).\(capacityKey)", expected: Limits.words(Limits.capacity)) { Limits.capacity.contains($0) } ?? 0
        }
        if let a = m["ages"], let items = doc.sequence(a, "\(path).ages") {
            let bounds = items.enumerated().compactMap { k, n in doc.int(n, "\(path).ages[\(k)]", expected: "a whole number of years >= 0") { $0 >= 0 } }
            if items.count != 2 {
                doc.problem(a, "\(path).ages", "found \(items.count) values; expected [minimum, maximum]")
            } else if bounds.count == 2 {
                if bounds[0] <= bounds[1] {
                    service.ages = bounds[0]...bounds[1]
                } else {
                    doc.problem(a, "\(path).ages", "found [\(bounds[0]), \(bounds[1])]; expected minimum <= maximum")
                }
            }
        }
        if let s = m["sexes"], let values = doc.strings(s, "\(path).sexes") {
            var sexes = Set<Sex>()
            for v in values {
                if let sex = Sex(rawValue: v) { sexes.insert(sex) } else { doc.problem(s, "\(path).sexes", "found \(shown(v)); expected m, f or x") }
            }
            service.sexes = sexes
        }
        if let t = m["maxTravelKm"] {
            service.maxTravelKm = doc.double(t, "\(path).maxTravelKm", expected: "a distance in km >= 0") { $0 >= 0 }
        }
        if let o = m["occupied"], let items = doc.sequence(o, "\(path).occupied") {
            service.occupied = items.enumerated().compactMap { k, n in doc.day(n, "\(path).occupied[\(k)]") }
            if service.occupied.count > service.capacity {
                doc.problem(o, "\(path).occupied", "lists \(service.occupied.count) occupied places; expected at most the capacity, \(service.capacity)")
            }
        }
    }

    private mutating func careTypes(_ m: [String: Node], _ path: String) -> [CareTypeID] {
        guard let n = m["careTypes"], let values = doc.strings(n, "\(path).careTypes") else { return [] }
        if values.isEmpty { doc.problem(n, "\(path).careTypes", "is empty; expected at least one care type") }
        for v in values where !careTypeIDs.contains(CareTypeID(v)) {
            doc.problem(n, "\(path).careTypes", "found \(shown(v)); expected a care type listed under careTypes:")
        }
        return values.map { CareTypeID($0) }
    }

    private mutating func readService(_ node: Node, _ path: String, facility: Facility) -> Service? {
        let keys: Set<String> = ["id", "name", "careTypes", "mode", "capacity", "secure", "ages", "sexes", "maxTravelKm", "occupied"]
        guard let m = doc.mapping(node, path, allowed: keys, required: ["id", "careTypes", "mode", "capacity"]) else { return nil }
        guard let idNode = m["id"], let id = doc.string(idNode, "\(path).id") else { return nil }
        checkServiceID(id, idNode, path)
        var mode = ServiceMode.residential
        if let n = m["mode"], let text = doc.scalar(n, "\(path).mode", expected: "residential or day") {
            if let parsed = ServiceMode(rawValue: text), parsed != .outreach {
                mode = parsed
            } else {
                doc.problem(n, "\(path).mode", "found \(shown(text)); expected residential or day (outreach teams go under teams:)")
            }
        }
        var service = Service(
            id: ServiceID(id), name: m["name"].flatMap { doc.string($0, "\(path).name") } ?? "\(facility.name) (\(id))",
            facility: facility.id, region: facility.region, location: facility.location,
            careTypes: careTypes(m, path), mode: mode, capacity: 0,
            secure: m["secure"].flatMap { doc.bool($0, "\(path).secure") } ?? false,
            ages: nil, sexes: nil, maxTravelKm: nil, occupied: [])
        capacityFields(m, path, &service, capacityKey: "capacity")
        return service
    }

    package mutating func readTeam(_ node: Node, _ path: String) -> Service? {
        let keys: Set<String> = ["id", "name", "region", "lat", "lon", "careTypes", "caseload", "maxTravelKm", "ages", "sexes", "occupied"]
        guard let m = doc.mapping(node, path, allowed: keys, required: ["id", "region", "lat", "lon", "careTypes", "caseload", "maxTravelKm"]) else { return nil }
        let id = m["id"].flatMap { doc.string($0, "\(path).id") }
        let region = m["region"].flatMap { doc.string($0, "\(path).region") }
        let place = location(m, path)
        if let region { checkRegion(region, m["region"], path) }
        if let id, let n = m["id"] { checkServiceID(id, n, path) }
        guard let id, let region, let place else { return nil }
        var team = Service(
            id: ServiceID(id), name: m["name"].flatMap { doc.string($0, "\(path).name") } ?? id,
            facility: nil, region: RegionID(region), location: place,
            careTypes: careTypes(m, path), mode: .outreach, capacity: 0, secure: false,
            ages: nil, sexes: nil, maxTravelKm: nil, occupied: [])
        capacityFields(m, path, &team, capacityKey: "caseload")
        return team
    }

    /// Reports ids listed more than once in one list.
    private mutating func unique(_ ids: [String], _ node: Node?, _ path: String, kind: String) {
        var seen = Set<String>()
        let items = node?.sequence.map(Array.init) ?? []
        for (k, id) in ids.enumerated() where !seen.insert(id).inserted {
            doc.problem(k < items.count ? items[k] : node, "\(path)[\(k)].id", "\(kind) id \(shown(id)) appears more than once; ids must be unique")
        }
    }

    /// Service and team ids share one namespace.
    private mutating func checkServiceID(_ id: String, _ node: Node, _ path: String) {
        if let line = seenIDs[id] {
            let where_ = line == 0 ? "in the landscape" : "(line \(line))"
            doc.problem(node, "\(path).id", "service/team id \(shown(id)) is already used \(where_); facility services and teams share one namespace")
        } else {
            seenIDs[id] = node.mark?.line ?? 0
        }
    }

    private mutating func checkRegion(_ region: String, _ node: Node?, _ path: String) {
        if !regionIDs.contains(RegionID(region)) {
            doc.problem(node, "\(path).region", "found \(shown(region)); expected a region listed under regions:")
        }
    }
}
