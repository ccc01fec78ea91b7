@testable import DutchLandscape
import Foundation
import GLPK
@testable import Placement
@testable import PlacementIO
@testable import PlacementModel
import PlacementTestSupport
import Testing

/// The instance generator: deterministic, SPEC-conformant, realistic.
@Suite("Instance generator")
struct InstanceGeneratorTests {
    static func generate(cases: Int, seed: UInt64 = 2026, all: Bool = true) -> PlacementInput {
        InstanceGenerator(options: InstanceGenerator.Options(
            cases: cases, seed: seed, siblingGroups: all, conflicts: all, pins: all)).generate()
    }

    static func text(_ input: PlacementInput, separator: Character = ",") -> String {
        InstanceWriter.landscapeYAML(input.landscape) + InstanceWriter.casesCSV(input.cases, separator: separator)
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("careplace-generator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    // MARK: - Determinism

    @Test func splitMix64KnownValues() {
        // the reference sequence of SplitMix64 from seed 0
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(rng.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func sameSeedGivesIdenticalText() {
        let a = Self.text(Self.generate(cases: 400, seed: 11))
        let b = Self.text(Self.generate(cases: 400, seed: 11))
        #expect(a == b)
    }

    @Test func differentSeedsDiffer() {
        let a = Self.generate(cases: 400, seed: 11), b = Self.generate(cases: 400, seed: 12)
        #expect(InstanceWriter.casesCSV(a.cases) != InstanceWriter.casesCSV(b.cases))
        #expect(InstanceWriter.landscapeYAML(a.landscape) != InstanceWriter.landscapeYAML(b.landscape))
    }

    @Test func sideConstraintsDoNotChangeTheLandscape() {
        let plain = Self.generate(cases: 300, seed: 5, all: false), full = Self.generate(cases: 300, seed: 5, all: true)
        #expect(plain.landscape == full.landscape)
        #expect(plain.cases.allSatisfy { $0.siblingGroup == nil && $0.conflictsWith.isEmpty && $0.pinnedService == nil })
    }

    /// The bundled demo is exactly what its documented command generates (on
    /// every platform: a difference here means the generator is not portable
    /// or the demo was edited by hand).
    @Test func bundledDemoIsReproducible() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let demo = root.appendingPathComponent("Scenarios/nl-demo")
        let landscape = try String(contentsOf: demo.appendingPathComponent("landscape.yaml"), encoding: .utf8)
        let cases = try String(contentsOf: demo.appendingPathComponent("cases.csv"), encoding: .utf8)
        let input = Self.generate(cases: 600, seed: 2026)
        let body = landscape.split(separator: "\n", omittingEmptySubsequences: false).drop { $0.hasPrefix("#") || $0.isEmpty }
        #expect(body.joined(separator: "\n") == InstanceWriter.landscapeYAML(input.landscape))
        #expect(cases == InstanceWriter.casesCSV(input.cases))
    }

    // MARK: - Round trip through the strict readers

    @Test(arguments: [Character(","), Character(";")])
    func writeThenReadGivesTheSameInput(separator: Character) throws {
        let input = Self.generate(cases: 500, seed: 3)
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let l = dir.appendingPathComponent("landscape.yaml").path, c = dir.appendingPathComponent("cases.csv").path
        try InstanceWriter.landscapeYAML(input.landscape).write(toFile: l, atomically: true, encoding: .utf8)
        try InstanceWriter.casesCSV(input.cases, separator: separator).write(toFile: c, atomically: true, encoding: .utf8)
        let read = try InputReader.read(landscape: l, cases: c)
        #expect(read.warnings.isEmpty)
        #expect(read.cases.count == input.cases.count)
        #expect(read.landscape.services.count == input.landscape.services.count)
        // values are generated at the writer's precision, so the round trip is exact
        #expect(read.landscape == input.landscape)
        #expect(read.cases == input.cases)
    }

    @Test func semicolonVariantWritesDecimalCommas() {
        let input = Self.generate(cases: 50, seed: 9)
        let lines = InstanceWriter.casesCSV(input.cases, separator: ";").split(separator: "\n")
        #expect(lines[0].hasPrefix("id;lat;lon;region;age;sex;needs;"))
        let first = lines[1].split(separator: ";", omittingEmptySubsequences: false)
        #expect(first[1].contains(",") && !first[1].contains("."))
        #expect(first[1].split(separator: ",").last?.count == 4)
    }

    @Test func writerQuotesWhatYAMLWouldMisread() {
        #expect(InstanceWriter.scalar("groningen") == "groningen")
        #expect(InstanceWriter.scalar("F-ZUIDLAREN-secure") == "F-ZUIDLAREN-secure")
        #expect(InstanceWriter.scalar("no") == "\"no\"")
        #expect(InstanceWriter.scalar("2026-11-23") == "\"2026-11-23\"")
        #expect(InstanceWriter.scalar("a b") == "\"a b\"")
        #expect(InstanceWriter.quoted("say \"hi\"\\") == "\"say \\\"hi\\\"\\\\\"")
        #expect(InstanceWriter.fixed(52.1, 4) == "52.1000")
        #expect(InstanceWriter.fixed(-0.00004, 4) == "0.0000")
        #expect(InstanceWriter.fixed(-3.25, 1) == "-3.3")
        #expect(InstanceWriter.number(40) == "40")
        #expect(InstanceWriter.number(37.5) == "37.5")
    }

    // MARK: - Plannable

    /// Pins name a compatible service with a free place, so planning never
    /// stops at a pin; sibling and conflict rules hold.
    @Test func generatedInstancePlansWithAllPinsHonoured() throws {
        let input = Self.generate(cases: 300, seed: 21)
        let plan = try Planner(solver: GLPKSolver()).plan(input)
        #expect(plan.status == .optimal)
        for (a, c) in zip(plan.assignments, input.cases) where c.pinnedService != nil {
            #expect(a.service?.id == c.pinnedService)
        }
        #expect(Double(plan.placedCount) / Double(input.cases.count) > 0.75)
    }

    // MARK: - Realism

    @Test func networksAndRegions() {
        let l = Self.generate(cases: 200).landscape
        #expect(l.networks.count == 8)
        #expect(l.regions.count == 42)
        #expect(Set(l.regions.map(\.id)).count == 42)
        let networks = Set(l.networks.map(\.id))
        #expect(l.regions.allSatisfy { networks.contains($0.network) })
        let members = { (n: NetworkID) in Set(l.regions.filter { $0.network == n }.map(\.id.rawValue)) }
        #expect(members("noord") == ["groningen", "friesland", "drenthe"])
        #expect(members("overijssel") == ["ijsselland", "twente"])
        #expect(l.networks.filter { $0.name.contains("(illustrative)") }.count == 6)
        for n in l.networks { #expect(!members(n.id).isEmpty) }
        // every region has an outreach team
        let teamRegions = Set(l.services.filter(\.isTeam).map(\.region))
        #expect(teamRegions.count == 42)
    }

    @Test func geographyFacts() {
        #expect(DutchGeography.municipalities.count == 342)
        #expect(DutchGeography.regions.count == 42)
        #expect(DutchGeography.municipalities.reduce(0) { $0 + $1.inhabitants } == 17_811_291)
        let codes = Set(DutchGeography.regions.map(\.code))
        #expect(DutchGeography.municipalities.allSatisfy { codes.contains($0.region) })
        #expect(DutchGeography.municipalities.allSatisfy { (50.7...53.6).contains($0.lat) && (3.3...7.3).contains($0.lon) })
    }

    @Test(arguments: [600, 3000])
    func secureCareAtNationalCapacity(cases: Int) {
        let l = Self.generate(cases: cases).landscape
        let secure = l.services.filter(\.secure)
        let capacity = secure.reduce(0) { $0 + $1.capacity }
        let occupied = secure.reduce(0) { $0 + $1.occupied.count }
        #expect((480...570).contains(capacity))
        let occupancy = Double(occupied) / Double(capacity)
        #expect(occupancy >= 0.7 && occupancy <= 0.9)
        #expect((12...15).contains(Set(secure.compactMap(\.facility)).count))
        #expect(secure.allSatisfy { $0.ages == 12...18 && $0.careTypes == ["secure"] && $0.mode == .residential })
        let horizonEnd = l.planningDate + 200
        #expect(secure.allSatisfy { $0.occupied.allSatisfy { $0 > l.planningDate && $0 <= horizonEnd } })
    }

    @Test func servicesScaleWithCases() {
        let small = Self.generate(cases: 600).landscape, large = Self.generate(cases: 3000).landscape
        let facilityServices = { (l: Landscape) in l.services.filter { !$0.isTeam }.count }
        #expect((250...400).contains(facilityServices(large)))
        #expect(facilityServices(large) > 3 * facilityServices(small))
        let teams = large.services.filter(\.isTeam)
        #expect(teams.allSatisfy { (8...20).contains($0.capacity) && ($0.maxTravelKm.map { (35...60).contains($0) } ?? false) })
        // every care type is offered
        for t in large.careTypes { #expect(large.services.contains { $0.careTypes.contains(t.id) }) }
    }

    @Test func casesAreHomedInProportionToPopulation() {
        let input = Self.generate(cases: 3000, seed: 2026)
        let bigCities: Set<String> = ["amsterdam-amstelland", "rijnmond", "haaglanden", "utrecht-stad"]
        let codes = Set(DutchGeography.regions.filter { bigCities.contains($0.id) }.map(\.code))
        let population = DutchGeography.municipalities.reduce(0) { $0 + $1.inhabitants }
        let cityPopulation = DutchGeography.municipalities.filter { codes.contains($0.region) }.reduce(0) { $0 + $1.inhabitants }
        let expected = Double(cityPopulation) / Double(population)
        let share = Double(input.cases.filter { bigCities.contains($0.region.rawValue) }.count) / Double(input.cases.count)
        #expect(abs(share - expected) < 0.03, "big-city share \(share), population share \(expected)")
        #expect(Set(input.cases.map(\.region)).count == 42)
    }

    @Test func caseMix() {
        let cases = Self.generate(cases: 3000, seed: 77).cases
        let n = Double(cases.count)
        func share(_ p: (Case) -> Bool) -> Double { Double(cases.filter(p).count) / n }
        #expect(abs(share(\.requiresSecure) - 0.12) < 0.03)
        #expect(abs(share { $0.urgency == .crisis } - 0.10) < 0.03)
        #expect(abs(share { $0.urgency == .high } - 0.25) < 0.04)
        #expect(abs(share { !$0.homeBasedPossible } - 0.30) < 0.05)
        #expect(share { $0.age >= 12 } > 0.7)
        #expect(cases.allSatisfy { (6...17).contains($0.age) && (1...3).contains($0.needs.count) })
        #expect(cases.allSatisfy { $0.requiresSecure == ($0.needs == ["secure"]) })
        #expect(cases.map(\.id.rawValue).prefix(2) == ["C-00001", "C-00002"])
        // "the child stays home, unless…": help at home comes first where it is possible
        let homeBased: Set<CareTypeID> = ["intensive-home", "fact", "day-treatment"]
        for c in cases {
            if c.homeBasedPossible && !c.requiresSecure {
                #expect(c.needs.first.map(homeBased.contains) == true)
            } else {
                #expect(c.needs.allSatisfy { !homeBased.contains($0) })
            }
        }
        // sibling groups of two or three share a home
        var groups: [String: [Case]] = [:]
        for c in cases { if let g = c.siblingGroup { groups[g, default: []].append(c) } }
        #expect(!groups.isEmpty)
        for members in groups.values {
            #expect((2...3).contains(members.count))
            #expect(Set(members.map(\.home)).count == 1)
        }
        // conflicts are mutual pairs
        let ids = Dictionary(uniqueKeysWithValues: cases.map { ($0.id, $0) })
        for c in cases { for o in c.conflictsWith { #expect(ids[o]?.conflictsWith.contains(c.id) == true) } }
        #expect((1...50).contains(cases.filter { $0.pinnedService != nil }.count))
    }
}
