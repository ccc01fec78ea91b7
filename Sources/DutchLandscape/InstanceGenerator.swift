public import PlacementModel

/// A deterministic, realistic instance of the Dutch youth-care landscape:
/// the 42 jeugdregio's in 8 expertise networks, secure care at its national
/// capacity, specialist residential and day services and outreach teams in
/// real towns, and waiting children homed in proportion to municipal
/// population. Used for the bundled demo and for benchmarks at any size.
///
/// Facts: regions, municipalities, populations, town locations (see
/// ``DutchGeography``), the two documented networks (Noord-Nederland,
/// Overijssel) and the national secure-care capacity (~525 places at ~80%
/// occupancy, Jeugdautoriteit 2025). Illustrative: the six other networks
/// (grouped by province), facility names, the capacities of all other
/// services, and the children.
///
/// The same options give the same instance on any machine: the generator
/// has its own SplitMix64 generator, uses only correctly rounded arithmetic
/// (no trigonometry, logarithms or library random numbers), and never
/// iterates a dictionary or set.
public struct InstanceGenerator: Sendable {
    public struct Options: Hashable, Sendable {
        /// Number of waiting children.
        public var cases: Int
        public var seed: UInt64
        public var planningDate: Day
        public var horizonDays: Int
        /// Some children come in sibling groups of two or three.
        public var siblingGroups: Bool
        /// Some pairs of children may not share a facility.
        public var conflicts: Bool
        /// A handful of children are pinned to a compatible service with a free place.
        public var pins: Bool

        public init(
            cases: Int = 600, seed: UInt64 = 2026, planningDate: Day = InstanceGenerator.defaultPlanningDate,
            horizonDays: Int = 120, siblingGroups: Bool = false, conflicts: Bool = false, pins: Bool = false
        ) {
            self.cases = cases
            self.seed = seed
            self.planningDate = planningDate
            self.horizonDays = horizonDays
            self.siblingGroups = siblingGroups
            self.conflicts = conflicts
            self.pins = pins
        }
    }

    /// 2026-11-23, a Monday.
    public static let defaultPlanningDate = Day(number: 20_780)

    public let options: Options

    public init(options: Options) { self.options = options }

    public func generate() -> PlacementInput {
        let landscape = makeLandscape()
        let cases = makeCases(landscape)
        return PlacementInput(landscape: landscape, cases: cases)
    }

    // MARK: - Catalogue

    public static let careTypes: [CareType] = [
        CareType(id: CT.secure, name: "Secure residential care (JeugdzorgPlus)"),
        CareType(id: CT.psychiatry, name: "Inpatient youth psychiatry"),
        CareType(id: CT.eatingDisorder, name: "Eating-disorder clinic"),
        CareType(id: CT.lvb, name: "Intensive residential care for mild intellectual disability with severe behaviour problems (LVB)"),
        CareType(id: CT.crisis, name: "Crisis bed"),
        CareType(id: CT.familyHome, name: "Family-style group home (gezinshuis)"),
        CareType(id: CT.day, name: "Day treatment"),
        CareType(id: CT.intensiveHome, name: "Intensive home treatment team"),
        CareType(id: CT.fact, name: "FACT youth team"),
    ]

    /// The care type ids.
    enum CT {
        static let secure: CareTypeID = "secure"
        static let psychiatry: CareTypeID = "inpatient-psychiatry"
        static let eatingDisorder: CareTypeID = "eating-disorder"
        static let lvb: CareTypeID = "lvb-intensive"
        static let crisis: CareTypeID = "crisis-bed"
        static let familyHome: CareTypeID = "family-home"
        static let day: CareTypeID = "day-treatment"
        static let intensiveHome: CareTypeID = "intensive-home"
        static let fact: CareTypeID = "fact"
    }

    /// An expertise network and the provinces whose regions belong to it.
    public struct NetworkSpec: Sendable {
        public let id: NetworkID
        public let name: String
        public let provinces: [String]
        /// The membership is documented (JENN, Samen14); otherwise it is an illustrative grouping by province.
        public let documented: Bool
    }

    /// The 8 supra-regional expertise networks. Noord-Nederland (JZ01 + JZ02 +
    /// JZ04) and Overijssel (JZ07 + JZ14) are documented; the other six group
    /// the remaining regions by (majority) province and are illustrative.
    public static let networks: [NetworkSpec] = [
        NetworkSpec(id: "noord", name: "Expertisenetwerk Noord-Nederland", provinces: ["Groningen", "Friesland", "Drenthe"], documented: true),
        NetworkSpec(id: "overijssel", name: "Expertisenetwerk Jeugd Overijssel", provinces: ["Overijssel"], documented: true),
        NetworkSpec(id: "flevoland-utrecht", name: "Expertisenetwerk Flevoland-Utrecht (illustrative)", provinces: ["Flevoland", "Utrecht"], documented: false),
        NetworkSpec(id: "noord-holland", name: "Expertisenetwerk Noord-Holland (illustrative)", provinces: ["Noord-Holland"], documented: false),
        NetworkSpec(id: "zuid-holland", name: "Expertisenetwerk Zuid-Holland (illustrative)", provinces: ["Zuid-Holland"], documented: false),
        NetworkSpec(id: "gelderland", name: "Expertisenetwerk Gelderland (illustrative)", provinces: ["Gelderland"], documented: false),
        NetworkSpec(id: "brabant-zeeland", name: "Expertisenetwerk Brabant-Zeeland (illustrative)", provinces: ["Noord-Brabant", "Zeeland"], documented: false),
        NetworkSpec(id: "limburg", name: "Expertisenetwerk Limburg (illustrative)", provinces: ["Limburg"], documented: false),
    ]

    // MARK: - Secure care (national facts)

    /// National JeugdzorgPlus capacity (Jeugdautoriteit, 30 June 2025: 525 places, 81% occupied).
    public static let nationalSecurePlaces = 525
    /// Above this many waiting children, secure capacity grows in proportion
    /// (benchmarks far beyond the national scale keep the same structure).
    public static let nationalCaseScale = 4_000

    /// Towns of the illustrative secure facilities (keys of ``DutchGeography/towns``).
    static let secureTowns = [
        "ZUIDLAREN", "LEEUWARDEN", "HENGELO", "ZEIST", "ALMERE", "HEEMSKERK", "AMSTERDAM",
        "CAPELLE-AAN-DEN-IJSSEL", "DEN-HAAG", "HARDERWIJK", "NIJMEGEN", "BOXTEL", "BREDA", "HOENSBROEK",
    ]

    // MARK: - Other services (illustrative capacities)

    /// How one kind of facility service is generated. `slotsPer100` is the
    /// number of places expected to be free within the horizon per 100
    /// waiting children; capacity follows from occupancy and length of stay.
    struct ServiceSpec: Sendable {
        var careType: CareTypeID
        var kind: String
        var mode: ServiceMode
        var slotsPer100: Double
        var size: ClosedRange<Int>
        var occupancy: ClosedRange<Double>
        /// Occupied places are released uniformly over 1...stayDays days.
        var stayDays: Int
        /// The catchment: a maximum travel distance for this share of the services (the others take children from anywhere).
        var maxTravelKm: ClosedRange<Int>?
        var catchmentShare = 1.0
        /// Age ranges, drawn with the given weights.
        var ages: [(ClosedRange<Int>, Double)]
        /// Share of services for girls only.
        var girlsOnly: Double
    }

    static let serviceSpecs: [ServiceSpec] = [
        ServiceSpec(
            careType: CT.psychiatry, kind: "Kliniek jeugdpsychiatrie", mode: .residential, slotsPer100: 6, size: 8...16,
            occupancy: 0.88...0.98, stayDays: 240, maxTravelKm: 120...160, catchmentShare: 0.75, ages: [(12...18, 0.7), (6...18, 0.3)],
            girlsOnly: 0),
        ServiceSpec(
            careType: CT.eatingDisorder, kind: "Eetstoorniskliniek", mode: .residential, slotsPer100: 2.5, size: 6...12,
            occupancy: 0.88...0.98, stayDays: 200, maxTravelKm: nil, ages: [(10...18, 1)], girlsOnly: 0),
        ServiceSpec(
            careType: CT.lvb, kind: "LVB-behandelgroep", mode: .residential, slotsPer100: 4.5, size: 8...14,
            occupancy: 0.88...0.98, stayDays: 365, maxTravelKm: 100...150, catchmentShare: 0.75, ages: [(12...18, 0.75), (6...18, 0.25)],
            girlsOnly: 0.15),
        ServiceSpec(
            careType: CT.familyHome, kind: "Gezinshuis", mode: .residential, slotsPer100: 7, size: 4...6,
            occupancy: 0.75...1.0, stayDays: 540, maxTravelKm: 50...90, ages: [(0...18, 0.7), (4...18, 0.3)], girlsOnly: 0.1),
        ServiceSpec(
            careType: CT.crisis, kind: "Crisisopvang", mode: .residential, slotsPer100: 4.5, size: 4...8,
            occupancy: 0.6...0.9, stayDays: 42, maxTravelKm: 50...90, ages: [(12...18, 0.5), (0...18, 0.5)], girlsOnly: 0),
        ServiceSpec(
            careType: CT.day, kind: "Dagbehandeling", mode: .day, slotsPer100: 10, size: 10...18,
            occupancy: 0.8...0.95, stayDays: 180, maxTravelKm: 30...45, ages: [(6...18, 0.6), (4...12, 0.2), (12...18, 0.2)], girlsOnly: 0),
    ]

    /// Outreach teams: every region has at least one.
    struct TeamSpec: Sendable {
        var prefix: String
        var kind: String
        var careTypes: [CareTypeID]
        var caseload: ClosedRange<Int>
        var occupancy: ClosedRange<Double>
        var stayDays: Int
        var maxTravelKm: ClosedRange<Int>
        var ages: ClosedRange<Int>
    }

    static let intensiveHomeTeam = TeamSpec(
        prefix: "T-IHT", kind: "Intensieve ambulante behandeling", careTypes: [CT.intensiveHome], caseload: 8...12,
        occupancy: 0.8...0.95, stayDays: 150, maxTravelKm: 35...50, ages: 0...18)
    static let factTeam = TeamSpec(
        prefix: "T-FACT", kind: "FACT Jeugd", careTypes: [CT.fact], caseload: 14...20,
        occupancy: 0.85...0.98, stayDays: 365, maxTravelKm: 40...60, ages: 12...23)
    /// Teams per 100 waiting children, spread over the regions by population.
    static let teamsPer100 = 5.5

    // MARK: - Landscape

    func makeLandscape() -> Landscape {
        var rng = SplitMix64(seed: options.seed, stream: 1)
        let geo = Geo()
        let n = max(0, options.cases)
        let planning = options.planningDate
        var l = Landscape(planningDate: planning)
        l.horizonDays = options.horizonDays
        l.careTypes = Self.careTypes
        l.networks = Self.networks.map { Network(id: $0.id, name: $0.name) }
        l.regions = DutchGeography.regions.map { Region(id: RegionID($0.id), name: $0.name, network: geo.network(ofRegionCode: $0.code)) }

        var builder = LandscapeBuilder()

        addSecureCare(to: &builder, geo: geo, cases: n, rng: &rng)
        for spec in Self.serviceSpecs { addServices(spec, to: &builder, geo: geo, cases: n, rng: &rng) }
        addTeams(to: &builder, geo: geo, cases: n, rng: &rng)

        l.facilities = builder.facilities
        l.services = builder.facilityServices + builder.teams
        return l
    }

    /// Secure care: the national capacity over the secure towns.
    private func addSecureCare(to builder: inout LandscapeBuilder, geo: Geo, cases n: Int, rng: inout SplitMix64) {
        let planning = options.planningDate
        let secureTotal = Int((Double(Self.nationalSecurePlaces) * max(1, Double(n) / Double(Self.nationalCaseScale))).rounded())
        let secureTowns = Self.secureTowns.compactMap { geo.town($0) }
        let secureCapacities = Self.apportion(secureTotal, weights: secureTowns.map { _ in rng.double(0.6...1.4) })
        for (town, capacity) in zip(secureTowns, secureCapacities) {
            let occupied = Int((Double(capacity) * rng.double(0.74...0.86)).rounded())
            builder.addFacility(
                kind: "JeugdzorgPlus", town: town, regionID: geo.regionID(town.region), jitterKm: 1.5, rng: &rng,
                services: [ServiceDraft(
                    careType: CT.secure, mode: .residential, capacity: capacity, secure: true, ages: 12...18, sexes: nil,
                    maxTravelKm: nil, occupied: Self.releases(occupied, within: 200, from: planning, rng: &rng))])
        }
    }

    /// One kind of specialist residential or day service, spread over the
    /// networks by population.
    private func addServices(_ spec: ServiceSpec, to builder: inout LandscapeBuilder, geo: Geo, cases n: Int, rng: inout SplitMix64) {
        let planning = options.planningDate
        let meanSize = Double(spec.size.lowerBound + spec.size.upperBound) / 2
        let meanOccupancy = (spec.occupancy.lowerBound + spec.occupancy.upperBound) / 2
        let withinHorizon = min(1, Double(options.horizonDays) / Double(spec.stayDays))
        let slotsPerPlace = (1 - meanOccupancy) + meanOccupancy * withinHorizon
        let places = spec.slotsPer100 * Double(n) / 100 / slotsPerPlace
        let count = n == 0 ? 0 : max(1, Int((places / meanSize).rounded()))
        let perNetwork = Self.apportion(count, weights: geo.networkPopulation)
        // the widest age range of the kind, given to one service so that the youngest children have one
        let widest = spec.ages.map(\.0).min { $0.lowerBound < $1.lowerBound } ?? 0...18
        var made = 0
        for (k, network) in Self.networks.enumerated() {
            let towns = geo.towns(in: network.id)
            let townWeights = towns.map { Double($0.population).squareRoot() }
            for _ in 0..<perNetwork[k] where !towns.isEmpty {
                let town = towns[rng.index(weights: townWeights)]
                let capacity = rng.int(spec.size)
                let occupied = min(capacity, Int((Double(capacity) * rng.double(spec.occupancy)).rounded()))
                let drawn = spec.ages[rng.index(weights: spec.ages.map(\.1))].0
                let ages = made == min(1, count - 1) ? widest : drawn
                made += 1
                let girls = rng.chance(spec.girlsOnly)
                let local = rng.chance(spec.catchmentShare)
                let travel = spec.maxTravelKm.map { Double(rng.int($0) / 5 * 5) }.flatMap { local ? $0 : nil }
                let draft = ServiceDraft(
                    careType: spec.careType, mode: spec.mode, capacity: capacity, secure: false, ages: ages,
                    sexes: girls ? [.f] : nil, maxTravelKm: travel,
                    occupied: Self.releases(occupied, within: spec.stayDays, from: planning, rng: &rng))
                // day treatment joins a clinic in the same town when there is one
                if spec.mode == .day, builder.attachDayService(draft, town: town.key) { continue }
                builder.addFacility(kind: spec.kind, town: town, regionID: geo.regionID(town.region), jitterKm: 3, rng: &rng, services: [draft])
            }
        }
    }

    /// Outreach teams: at least one per region, more in populous regions.
    private func addTeams(to builder: inout LandscapeBuilder, geo: Geo, cases n: Int, rng: inout SplitMix64) {
        let planning = options.planningDate
        for region in DutchGeography.regions {
            let share = Double(geo.regionPopulation(region.code)) / Double(geo.totalPopulation)
            let count = max(1, Int((Self.teamsPer100 * Double(n) / 100 * share).rounded()))
            let towns = geo.townsOfRegion(region.code)
            var fact = rng.chance(0.4)
            for k in 0..<count {
                let spec = fact ? Self.factTeam : Self.intensiveHomeTeam
                fact.toggle()
                let base: (name: String, key: String, point: GeoPoint)
                if towns.isEmpty {
                    let m = geo.largestMunicipality(region.code)
                    base = (m.name, m.name.uppercased(), GeoPoint(lat: m.lat, lon: m.lon))
                } else {
                    let town = towns[k % towns.count]
                    base = (town.name, town.key, GeoPoint(lat: town.lat, lon: town.lon))
                }
                let caseload = rng.int(spec.caseload)
                let occupied = min(caseload, Int((Double(caseload) * rng.double(spec.occupancy)).rounded()))
                var careTypes = spec.careTypes
                if spec.careTypes == [CT.fact] && rng.chance(0.5) { careTypes.append(CT.intensiveHome) }
                builder.addTeam(
                    prefix: spec.prefix, kind: spec.kind, base: base, regionID: RegionID(region.id),
                    careTypes: careTypes, caseload: caseload, maxTravelKm: Double(rng.int(spec.maxTravelKm) / 5 * 5),
                    ages: spec.ages, occupied: Self.releases(occupied, within: spec.stayDays, from: planning, rng: &rng))
            }
        }
    }

    /// `count` release dates, uniform over the next 1...days days, sorted.
    static func releases(_ count: Int, within days: Int, from planning: Day, rng: inout SplitMix64) -> [Day] {
        (0..<max(0, count)).map { _ in planning + rng.int(1...max(1, days)) }.sorted()
    }

    /// Splits `total` in proportion to `weights` (largest remainder; ties to the lower index).
    static func apportion(_ total: Int, weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard total > 0, sum > 0 else { return weights.map { _ in 0 } }
        let exact = weights.map { Double(total) * $0 / sum }
        var counts = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { a, b in
            let ra = exact[a] - Double(counts[a]), rb = exact[b] - Double(counts[b])
            return ra != rb ? ra > rb : a < b
        }
        var left = total - counts.reduce(0, +)
        for k in order where left > 0 {
            counts[k] += 1
            left -= 1
        }
        return counts
    }

    // MARK: - Cases

    /// What a child mainly needs; decides the acceptable care types.
    enum Profile: CaseIterable {
        case secure, psychiatry, eatingDisorder, lvb, behaviour, acute

        var weight: Double {
            switch self {
            case .secure: 0.12
            case .psychiatry: 0.22
            case .eatingDisorder: 0.06
            case .lvb: 0.16
            case .behaviour: 0.37
            case .acute: 0.07
            }
        }
    }

    func makeCases(_ landscape: Landscape) -> [Case] {
        let n = max(0, options.cases)
        let geo = Geo()
        var rng = SplitMix64(seed: options.seed, stream: 2)
        let planning = options.planningDate
        let profileWeights = Profile.allCases.map(\.weight)
        let facilityIndex = FacilityServiceIndex(landscape)
        var cases: [Case] = []
        cases.reserveCapacity(n)
        for k in 0..<n {
            let m = DutchGeography.municipalities[rng.index(cumulative: geo.municipalityCumulative)]
            let home = Self.jitter(GeoPoint(lat: m.lat, lon: m.lon), radiusKm: min(6, max(1.5, 0.3 * Double(m.landKm2).squareRoot())), rng: &rng)
            let profile = Profile.allCases[rng.index(weights: profileWeights)]
            let age: Int
            switch profile {
            case .secure: age = rng.int(12...17)
            case .eatingDisorder: age = rng.chance(0.85) ? rng.int(12...17) : rng.int(10...11)
            default: age = rng.chance(0.8) ? rng.int(12...17) : rng.int(6...11)
            }
            var c = Case(id: Self.caseID(k + 1), home: home, region: geo.regionID(m.region), age: age, needs: [])
            let s = rng.unit()
            if profile == .eatingDisorder {
                c.sex = s < 0.9 ? .f : s < 0.98 ? .m : .x
            } else {
                c.sex = s < 0.55 ? .m : s < 0.97 ? .f : s < 0.99 ? .x : nil
            }
            let u = rng.unit()
            switch profile {
            case .acute: c.urgency = .crisis
            case .secure: c.urgency = u < 0.15 ? .crisis : u < 0.55 ? .high : .normal
            default: c.urgency = u < 0.01 ? .crisis : u < 0.26 ? .high : .normal
            }
            c.requiresSecure = profile == .secure
            c.homeBasedPossible = profile != .secure && rng.chance(profile == .acute ? 0.65 : 0.8)
            c.needs = Self.needs(profile, homeBased: c.homeBasedPossible, age: age, rng: &rng)
            if c.urgency != .crisis && rng.chance(0.15) { c.readyDate = planning + rng.int(7...56) }
            if profile != .secure && rng.chance(0.06) { c.maxDistanceKm = Double(rng.int(4...10) * 5) }
            if rng.chance(0.03), let s = facilityIndex.nearest(for: c) { c.forbiddenServices = [s] }
            cases.append(c)
        }
        var sideRng = SplitMix64(seed: options.seed, stream: 3)
        if options.siblingGroups { Self.addSiblingGroups(&cases, rng: &sideRng) }
        var conflictRng = SplitMix64(seed: options.seed, stream: 4)
        if options.conflicts { Self.addConflicts(&cases, landscape: landscape, rng: &conflictRng) }
        var pinRng = SplitMix64(seed: options.seed, stream: 5)
        if options.pins { Self.addPins(&cases, landscape: landscape, rng: &pinRng) }
        return cases
    }

    static func caseID(_ k: Int) -> CaseID {
        let digits = String(k)
        return CaseID("C-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits)
    }

    /// Acceptable care types in the order of preference: help at home first
    /// where that is possible ("the child stays home, unless…").
    static func needs(_ profile: Profile, homeBased: Bool, age: Int, rng: inout SplitMix64) -> [CareTypeID] {
        let u = rng.unit()
        var needs: [CareTypeID]
        switch (profile, homeBased) {
        case (.secure, _):
            needs = [CT.secure]
        case (.psychiatry, true):
            needs = u < 0.4 ? [CT.fact, CT.psychiatry] : u < 0.75 ? [CT.intensiveHome, CT.psychiatry]
                : u < 0.9 ? [CT.day, CT.psychiatry] : [CT.intensiveHome, CT.day, CT.psychiatry]
        case (.psychiatry, false):
            needs = u < 0.7 ? [CT.psychiatry] : [CT.psychiatry, CT.crisis]
        case (.eatingDisorder, true):
            needs = u < 0.7 ? [CT.day, CT.eatingDisorder] : [CT.intensiveHome, CT.eatingDisorder]
        case (.eatingDisorder, false):
            needs = u < 0.7 ? [CT.eatingDisorder] : [CT.eatingDisorder, CT.psychiatry]
        case (.lvb, true):
            needs = u < 0.7 ? [CT.intensiveHome, CT.lvb] : [CT.fact, CT.lvb]
        case (.lvb, false):
            needs = u < 0.6 ? [CT.lvb] : [CT.lvb, CT.familyHome]
        case (.behaviour, true):
            needs = u < 0.45 ? [CT.intensiveHome, CT.familyHome] : u < 0.65 ? [CT.day, CT.intensiveHome, CT.familyHome]
                : u < 0.8 ? [CT.fact, CT.familyHome] : [CT.intensiveHome, CT.day, CT.familyHome]
        case (.behaviour, false):
            needs = u < 0.65 ? [CT.familyHome] : [CT.familyHome, CT.crisis]
        case (.acute, true):
            needs = u < 0.7 ? [CT.intensiveHome, CT.crisis] : [CT.intensiveHome, CT.crisis, CT.familyHome]
        case (.acute, false):
            needs = u < 0.6 ? [CT.crisis, CT.familyHome] : [CT.crisis]
        }
        // FACT youth teams work with ages 12–23; younger children get intensive home treatment
        if age < 12 { needs = needs.map { $0 == CT.fact ? CT.intensiveHome : $0 } }
        var seen = Set<CareTypeID>()
        return needs.filter { seen.insert($0).inserted }
    }

    /// A point within `radiusKm` of `p` (uniform in the disc), rounded to 4 decimals.
    static func jitter(_ p: GeoPoint, radiusKm: Double, rng: inout SplitMix64) -> GeoPoint {
        var dx = 0.0, dy = 0.0
        repeat {
            dx = rng.double(-1...1)
            dy = rng.double(-1...1)
        } while dx * dx + dy * dy > 1
        return GeoPoint(
            lat: round4(p.lat + dy * radiusKm / kmPerDegreeLat),
            lon: round4(p.lon + dx * radiusKm / kmPerDegreeLon(p.lat)))
    }

    static func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

    static let kmPerDegreeLat = 111.2
    /// cos(lat) to first order around 52°N (within 0.1% over the Netherlands), without trigonometry.
    static func kmPerDegreeLon(_ lat: Double) -> Double { 111.32 * (0.615_661 - 0.013_753 * (lat - 52)) }

    /// Road distance estimate for the generator's own choices (equirectangular × 1.3):
    /// deterministic arithmetic, within 1% of SPEC's haversine distance over the Netherlands.
    static func approxKm(_ a: GeoPoint, _ b: GeoPoint, detour: Double) -> Double {
        let dy = (b.lat - a.lat) * kmPerDegreeLat
        let dx = (b.lon - a.lon) * kmPerDegreeLon((a.lat + b.lat) / 2)
        return (dx * dx + dy * dy).squareRoot() * detour
    }

    /// Facility services by care type, in landscape order, for quick nearest-service lookups.
    struct FacilityServiceIndex {
        struct Entry {
            var order: Int
            var id: ServiceID
            var location: GeoPoint
            var secure: Bool
        }
        var byCareType: [CareTypeID: [Entry]] = [:]
        let detour: Double

        init(_ l: Landscape) {
            detour = l.detourFactor
            for (k, s) in l.services.enumerated() where !s.isTeam {
                for t in s.careTypes {
                    byCareType[t, default: []].append(Entry(order: k, id: s.id, location: s.location, secure: s.secure))
                }
            }
        }

        /// The nearest facility service offering one of the child's needs with the right secure flag
        /// (to exclude: e.g. a placement there broke down before). Ties go to the earlier service.
        func nearest(for c: Case) -> ServiceID? {
            var best: (order: Int, id: ServiceID, km: Double)?
            for t in c.needs {
                for e in byCareType[t] ?? [] where e.secure == c.requiresSecure {
                    let km = approxKm(c.home, e.location, detour: detour)
                    if best.map({ km < $0.km || (km == $0.km && e.order < $0.order) }) ?? true { best = (e.order, e.id, km) }
                }
            }
            return best?.id
        }
    }

    /// Sibling groups of two or three: children of one family, same home,
    /// region, urgency and start date, who need a family home (or help at home).
    static func addSiblingGroups(_ cases: inout [Case], rng: inout SplitMix64) {
        let n = cases.count
        guard n >= 2 else { return }
        let groups = max(1, Int((Double(n) * 0.012).rounded()))
        var used = Set<Int>()
        var made = 0
        var attempts = 0
        while made < groups && attempts < 50 * groups {
            attempts += 1
            let size = min(n, rng.chance(0.7) ? 2 : 3)
            let first = rng.int(0...(n - size))
            let members = Array(first..<(first + size))
            guard members.allSatisfy({ !used.contains($0) }) else { continue }
            made += 1
            let id = "G-" + String(repeating: "0", count: max(0, 3 - String(made).count)) + String(made)
            let lead = cases[first]
            let homeBased = rng.chance(0.7)
            var ages = Set<Int>()
            for m in members {
                used.insert(m)
                var c = cases[m]
                c.home = lead.home
                c.region = lead.region
                c.urgency = lead.urgency
                c.readyDate = lead.readyDate
                c.requiresSecure = false
                c.homeBasedPossible = homeBased
                c.maxDistanceKm = nil
                c.forbiddenServices = []
                var age = rng.int(6...17)
                while ages.contains(age) { age = rng.int(6...17) }
                ages.insert(age)
                c.age = age
                c.needs = homeBased ? [CT.intensiveHome, CT.familyHome] : [CT.familyHome, CT.crisis]
                c.siblingGroup = id
                cases[m] = c
            }
        }
    }

    /// Facility-based care types of a case (where a conflict can matter).
    static func facilityNeeds(_ c: Case) -> [CareTypeID] {
        c.needs.filter { $0 != CT.intensiveHome && $0 != CT.fact }
    }

    /// Pairs of children who may not share a facility (e.g. a threat between
    /// them), in the same network and with a facility need in common.
    static func addConflicts(_ cases: inout [Case], landscape: Landscape, rng: inout SplitMix64) {
        let n = cases.count
        guard n >= 2 else { return }
        let pairs = max(1, Int((Double(n) * 0.01).rounded()))
        let networkOf = landscape.networkOfRegion
        var used = Set<Int>()
        var made = 0
        var attempts = 0
        while made < pairs && attempts < 50 * pairs {
            attempts += 1
            let a = rng.int(0...(n - 1))
            let needsA = facilityNeeds(cases[a])
            guard !used.contains(a), cases[a].siblingGroup == nil, !needsA.isEmpty else { continue }
            // a random other child who could meet this one in a facility (bounded search: linear time)
            var partner: Int?
            for _ in 0..<200 {
                let b = rng.int(0...(n - 1))
                if b != a && !used.contains(b) && cases[b].siblingGroup == nil
                    && networkOf[cases[b].region] == networkOf[cases[a].region]
                    && cases[b].requiresSecure == cases[a].requiresSecure
                    && facilityNeeds(cases[b]).contains(where: needsA.contains) {
                    partner = b
                    break
                }
            }
            guard let b = partner else { continue }
            cases[a].conflictsWith.append(cases[b].id)
            cases[b].conflictsWith.append(cases[a].id)
            used.insert(a)
            used.insert(b)
            made += 1
        }
    }

    /// A handful of decisions already taken (1% of the children, at most 50):
    /// children pinned to the nearest compatible service that has a free
    /// place today (one pin per place).
    static func addPins(_ cases: inout [Case], landscape: Landscape, rng: inout SplitMix64) {
        let n = cases.count
        guard n >= 1 else { return }
        let pins = min(50, max(1, Int((Double(n) * 0.01).rounded())))
        var free = landscape.services.map { max(0, $0.capacity - $0.occupied.count) }
        var order = Array(0..<n)
        rng.shuffle(&order)
        var made = 0
        for ci in order where made < pins {
            let c = cases[ci]
            guard c.siblingGroup == nil, c.conflictsWith.isEmpty else { continue }
            var best: (Int, Double)?
            for (si, s) in landscape.services.enumerated() where free[si] > 0 {
                // a safe upper bound of SPEC's distance, so that the pin holds however it is computed
                let km = approxKm(c.home, s.location, detour: landscape.detourFactor) * 1.01 + 1
                guard CompatibilityRule.check(c, s, distanceKm: km) == nil else { continue }
                if best.map({ km < $0.1 }) ?? true { best = (si, km) }
            }
            guard let (si, _) = best else { continue }
            cases[ci].pinnedService = landscape.services[si].id
            free[si] -= 1
            made += 1
        }
    }
}

// MARK: - Building blocks

/// A facility service before it has its facility's id.
struct ServiceDraft {
    var careType: CareTypeID
    var mode: ServiceMode
    var capacity: Int
    var secure: Bool
    var ages: ClosedRange<Int>?
    var sexes: Set<Sex>?
    var maxTravelKm: Double?
    var occupied: [Day]
}

/// Collects facilities, their services and teams with readable, unique ids:
/// `F-<TOWN>`, `F-<TOWN>-2`, … and `<facility>-<care type>`; teams `T-FACT-<TOWN>`.
struct LandscapeBuilder {
    var facilities: [Facility] = []
    var facilityServices: [Service] = []
    var teams: [Service] = []
    private var facilitiesInTown: [String: Int] = [:]
    private var kindsInTown: [String: Int] = [:]
    private var teamsAt: [String: Int] = [:]
    /// Clinics (by town key) that can take a day-treatment service: facility index.
    private var clinics: [String: [Int]] = [:]
    /// Facilities (indices) that have a day-treatment service.
    private var withDayService = Set<Int>()

    mutating func addFacility(kind: String, town: DutchGeography.Town, regionID: RegionID, jitterKm: Double, rng: inout SplitMix64, services: [ServiceDraft]) {
        let number = (facilitiesInTown[town.key] ?? 0) + 1
        facilitiesInTown[town.key] = number
        let kindKey = kind + "|" + town.key
        let kindNumber = (kindsInTown[kindKey] ?? 0) + 1
        kindsInTown[kindKey] = kindNumber
        let id = FacilityID(number == 1 ? "F-\(town.key)" : "F-\(town.key)-\(number)")
        let name = "\(kind) \(town.name)\(kindNumber == 1 ? "" : " \(kindNumber)") (illustrative)"
        let location = InstanceGenerator.jitter(GeoPoint(lat: town.lat, lon: town.lon), radiusKm: jitterKm, rng: &rng)
        facilities.append(Facility(id: id, name: name, region: regionID, location: location, services: []))
        for draft in services { append(draft, to: facilities.count - 1) }
        if services.contains(where: { $0.careType == InstanceGenerator.CT.psychiatry || $0.careType == InstanceGenerator.CT.eatingDisorder }) {
            clinics[town.key, default: []].append(facilities.count - 1)
        }
    }

    /// Adds a day-treatment service to a clinic in `town` that has none yet.
    mutating func attachDayService(_ draft: ServiceDraft, town: String) -> Bool {
        for k in clinics[town] ?? [] where !withDayService.contains(k) {
            append(draft, to: k)
            return true
        }
        return false
    }

    private mutating func append(_ draft: ServiceDraft, to index: Int) {
        let f = facilities[index]
        let id = ServiceID("\(f.id.rawValue)-\(draft.careType.rawValue)")
        let careName = InstanceGenerator.careTypes.first { $0.id == draft.careType }?.name ?? draft.careType.rawValue
        facilities[index].services.append(id)
        if draft.mode == .day { withDayService.insert(index) }
        facilityServices.append(Service(
            id: id, name: "\(f.name): \(careName.lowercased())", facility: f.id, region: f.region, location: f.location,
            careTypes: [draft.careType], mode: draft.mode, capacity: draft.capacity, secure: draft.secure,
            ages: draft.ages, sexes: draft.sexes, maxTravelKm: draft.maxTravelKm, occupied: draft.occupied))
    }

    mutating func addTeam(
        prefix: String, kind: String, base: (name: String, key: String, point: GeoPoint), regionID: RegionID,
        careTypes: [CareTypeID], caseload: Int, maxTravelKm: Double, ages: ClosedRange<Int>, occupied: [Day]
    ) {
        let key = "\(prefix)-\(base.key)"
        let number = (teamsAt[key] ?? 0) + 1
        teamsAt[key] = number
        teams.append(Service(
            id: ServiceID(number == 1 ? key : "\(key)-\(number)"),
            name: "\(kind) \(base.name)\(number == 1 ? "" : " \(number)") (illustrative)",
            facility: nil, region: regionID, location: base.point, careTypes: careTypes, mode: .outreach,
            capacity: caseload, secure: false, ages: ages, sexes: nil, maxTravelKm: maxTravelKm, occupied: occupied))
    }
}

/// Lookups over ``DutchGeography``, in its fixed order.
struct Geo {
    let regionIDs: [String: RegionID]
    let networkOfProvince: [String: NetworkID]
    let municipalityCumulative: [Double]
    let totalPopulation: Int

    init() {
        var ids: [String: RegionID] = [:]
        for r in DutchGeography.regions { ids[r.code] = RegionID(r.id) }
        regionIDs = ids
        var networks: [String: NetworkID] = [:]
        for n in InstanceGenerator.networks { for p in n.provinces { networks[p] = n.id } }
        networkOfProvince = networks
        var sum = 0.0
        municipalityCumulative = DutchGeography.municipalities.map { m in
            sum += Double(m.inhabitants)
            return sum
        }
        totalPopulation = DutchGeography.municipalities.reduce(0) { $0 + $1.inhabitants }
    }

    func regionID(_ code: String) -> RegionID { regionIDs[code] ?? RegionID(code) }

    func network(ofRegionCode code: String) -> NetworkID {
        let province = DutchGeography.regions.first { $0.code == code }?.province ?? ""
        return networkOfProvince[province] ?? InstanceGenerator.networks[0].id
    }

    func regionPopulation(_ code: String) -> Int {
        DutchGeography.municipalities.filter { $0.region == code }.reduce(0) { $0 + $1.inhabitants }
    }

    /// Population of each network, in ``InstanceGenerator/networks`` order.
    var networkPopulation: [Double] {
        InstanceGenerator.networks.map { n in
            Double(DutchGeography.regions.filter { network(ofRegionCode: $0.code) == n.id }.reduce(0) { $0 + regionPopulation($1.code) })
        }
    }

    func town(_ key: String) -> DutchGeography.Town? { DutchGeography.towns.first { $0.key == key } }

    /// Towns of the network's regions, largest first (the secure-only town Zuidlaren left out).
    func towns(in network: NetworkID) -> [DutchGeography.Town] {
        DutchGeography.towns.filter { $0.population >= 20_000 && self.network(ofRegionCode: $0.region) == network }
    }

    func townsOfRegion(_ code: String) -> [DutchGeography.Town] {
        DutchGeography.towns.filter { $0.population >= 20_000 && $0.region == code }
    }

    func largestMunicipality(_ code: String) -> DutchGeography.Municipality {
        let members = DutchGeography.municipalities.filter { $0.region == code }
        return members.max { $0.inhabitants < $1.inhabitants } ?? DutchGeography.municipalities[0]
    }
}

