@testable import DutchLandscape
import Foundation
import GLPK
@testable import Placement
@testable import PlacementIO
@testable import PlacementModel
@testable import PlacementScenarios
import PlacementTestSupport
import Testing

/// Scenario files (SPEC §6): resolution order, every change kind, error
/// messages, and the honesty of the changes as properties.
@Suite("Scenarios")
struct ScenarioTests {
    /// A generated landscape with its cases, written as files, plus scenario files.
    static func folder(cases: Int = 120, seed: UInt64 = 5, scenarios: [String: String]) throws -> [String: String] {
        let input = InstanceGenerator(options: .init(cases: cases, seed: seed)).generate()
        var files = ["landscape.yaml": InstanceWriter.landscapeYAML(input.landscape), "cases.csv": InstanceWriter.casesCSV(input.cases)]
        for (name, text) in scenarios { files[name] = text }
        return try Fixture.files(files)
    }

    static let base = "version: 1\nname: base\nlandscape: landscape.yaml\ncases: cases.csv\nchanges:\n  - setHorizon: 30\n"

    @Test("changes apply base first, then the file's own, then --set overrides")
    func resolutionOrder() throws {
        let f = try Self.folder(scenarios: [
            "base.yaml": Self.base,
            "child.yaml": "version: 1\nname: child\nbase: base.yaml\nchanges:\n  - setHorizon: 60\n  - setWeights: { perWaitDay: 3 }\n",
            "lines.yaml": "version: 1\nname: lines\ndescription: \"two\\nlines\"\nbase: base.yaml\n",
        ])
        let child = f["child.yaml"] ?? ""
        let plain = try ScenarioResolver.resolve(child)
        #expect(plain.input.landscape.horizonDays == 60)
        #expect(plain.input.landscape.weights.perWaitDay == 3)
        #expect(plain.changes.map { $0.change.summary.prefix { $0 != " " } } == ["setHorizon", "setHorizon", "setWeights"])
        #expect(plain.chain.map { ($0 as NSString).lastPathComponent } == ["base.yaml", "child.yaml"])
        let overridden = try ScenarioResolver.resolve(child, overrides: ["horizonDays=90", "weights.perWaitDay=1.5", "ownNetworkOnly=true"])
        #expect(overridden.input.landscape.horizonDays == 90)
        #expect(overridden.input.landscape.weights.perWaitDay == 1.5)
        #expect(overridden.input.landscape.ownNetworkOnly)
        #expect(overridden.resolvedYAML.contains("setHorizon 90 days"))
        // a description over two lines stays one quoted YAML value
        let twoLines = try ScenarioResolver.resolve(f["lines.yaml"] ?? "")
        #expect(twoLines.resolvedYAML.contains("description: \"two\\nlines\"\n"))
    }

    @Test("every change kind does what SPEC §6 says")
    func everyChangeKind() throws {
        let input = InstanceGenerator(options: .init(cases: 120, seed: 5)).generate()
        let l = input.landscape
        let team = try #require(l.services.first { $0.isTeam })
        let facility = try #require(l.facilities.first)
        let region = try #require(l.regions.first)
        let f = try Self.folder(scenarios: ["all.yaml": """
            version: 1
            name: all
            landscape: landscape.yaml
            cases: cases.csv
            changes:
              - addTeam: { id: T-X, name: "X", region: \(region.id), lat: 52.1, lon: 5.1, careTypes: [fact], caseload: 7, maxTravelKm: 40 }
              - addFacility: { id: F-X, region: \(region.id), lat: 52.1, lon: 5.1, services: [{ id: F-X-s, careTypes: [family-home], mode: residential, capacity: 5 }] }
              - removeFacility: \(facility.id)
              - removeTeam: \(team.id)
              - setCapacity: { service: F-X-s, capacity: 9 }
              - scaleCapacity: { factor: 2, careType: fact }
              - scaleDemand: { factor: 0.5, seed: 3 }
              - setWeights: { unplaced: 500, urgency: { crisis: 8 } }
              - setHorizon: 45
              - ownNetworkOnly: true
            """])
        let r = try ScenarioResolver.resolve(f["all.yaml"] ?? "")
        let out = r.input.landscape
        let added = try #require(out.services.first { $0.id == "T-X" })
        #expect(added.isTeam && added.capacity == 14) // caseload 7, then fact capacity doubled
        #expect(out.services.first { $0.id == "F-X-s" }?.capacity == 9)
        #expect(out.facilities.contains { $0.id == "F-X" } && !out.facilities.contains { $0.id == facility.id })
        #expect(!out.services.contains { $0.facility == facility.id } && !out.services.contains { $0.id == team.id })
        for s in out.services where s.careTypes.contains("fact") && s.id != "T-X" {
            let before = try #require(l.services.first { $0.id == s.id })
            #expect(s.capacity == max(before.occupied.count, 2 * before.capacity))
        }
        #expect(r.input.cases.count == 60)
        #expect(out.weights.unplaced == 500 && out.weights.factor(.crisis) == 8)
        #expect(out.horizonDays == 45 && out.ownNetworkOnly)
        #expect(r.changes.count == 10)
    }

    @Test("errors name the file, line and key path")
    func errors() throws {
        let f = try Self.folder(scenarios: [
            "base.yaml": Self.base,
            "bad.yaml": "version: 1\nname: bad\nbase: base.yaml\nchanges:\n  - removeFacility: F-NOPE\n  - setHorizn: 3\n  - scaleCapacity: { factor: -1 }\n",
            "a.yaml": "version: 1\nname: a\nbase: b.yaml\n",
            "huge.yaml": "version: 1\nname: huge\nbase: base.yaml\nchanges:\n  - scaleCapacity: { factor: 1e300 }\n",
            "orphan.yaml": "version: 1\nname: orphan\nbase: missing.yaml\n",
            "b.yaml": "version: 1\nname: b\nbase: a.yaml\n",
        ])
        do {
            _ = try ScenarioResolver.resolve(f["bad.yaml"] ?? "", overrides: ["horizon=3"])
            Issue.record("bad scenario accepted")
        } catch {
            let text = error.description
            #expect(text.contains("bad.yaml:5: changes[0].removeFacility: found \"F-NOPE\"; expected a facility id"))
            #expect(text.contains("bad.yaml:6: changes[1]"))
            #expect(text.contains("setHorizn"))
            #expect(text.contains("changes[2].scaleCapacity.factor: found \"-1\"; expected a factor between 0 and 100"))
            #expect(text.contains("--set: horizon=3: unknown key"))
        }
        do {
            _ = try ScenarioResolver.resolve(f["a.yaml"] ?? "")
            Issue.record("cycle accepted")
        } catch {
            #expect(error.description.contains("cycle: a.yaml → b.yaml → a.yaml"))
        }
        do {
            _ = try ScenarioResolver.resolve(f["huge.yaml"] ?? "", overrides: ["demand=1e30"])
            Issue.record("a huge factor accepted")
        } catch {
            #expect(error.description.contains("changes[0].scaleCapacity.factor: found \"1e300\"; expected a factor between 0 and 100"))
            #expect(error.description.contains("--set: demand=1e30: found \"1e30\"; expected a factor between 0 and 100"))
        }
        do {
            _ = try ScenarioResolver.resolve(f["orphan.yaml"] ?? "")
            Issue.record("a missing base accepted")
        } catch {
            #expect(error.description.contains("orphan.yaml:3: base: found"))
            #expect(error.description.contains("base: found \"missing.yaml\": no such file; expected a scenario file"))
        }
    }

    @Test("honest changes: more capacity never costs more, own network only never costs less, demand scaling is deterministic", arguments: [1, 2, 3] as [UInt64])
    func properties(_ seed: UInt64) throws {
        let input = InstanceGenerator(options: .init(cases: 150, seed: seed)).generate()
        let planner = Planner(solver: GLPKSolver())
        let base = try planner.plan(input).objective
        var more = input
        var only = input
        let addCapacity = LocatedChange(change: .scaleCapacity(factor: 1.5, ScenarioFilter()), file: "t", line: nil, path: "t")
        let ownNetwork = LocatedChange(change: .ownNetworkOnly(true), file: "t", line: nil, path: "t")
        #expect(ScenarioChanges.apply(addCapacity, to: &more) == nil)
        #expect(ScenarioChanges.apply(ownNetwork, to: &only) == nil)
        #expect(try planner.plan(more).objective <= base + 1e-6)
        #expect(try planner.plan(only).objective >= base - 1e-6)
        let grow = LocatedChange(change: .scaleDemand(factor: 1.3, seed: seed, ScenarioFilter()), file: "t", line: nil, path: "t")
        var a = input, b = input, c = input
        _ = ScenarioChanges.apply(grow, to: &a)
        _ = ScenarioChanges.apply(grow, to: &b)
        _ = ScenarioChanges.apply(LocatedChange(change: .scaleDemand(factor: 1.3, seed: seed + 100, ScenarioFilter()), file: "t", line: nil, path: "t"), to: &c)
        #expect(a.cases == b.cases)
        #expect(a.cases.count == 195 && Set(a.cases.map(\.id)).count == 195)
        #expect(a.cases != c.cases)
    }

    @Test("SHA-256 of known texts")
    func sha256() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array(String(repeating: "a", count: 1000).utf8)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

/// SPEC §6: under ownNetworkOnly a pin is a decision already taken.
@Suite("Scenarios: own network only keeps pins")
struct OwnNetworkPinTests {
    @Test("a child pinned outside its network keeps the pin under ownNetworkOnly, and the run record lists it")
    func pinKept() throws {
        let f = try Fixture.files([
            "landscape.yaml": """
                planningDate: 2026-11-23
                careTypes: [{ id: home, name: Home }]
                networks: [{ id: noord, name: Noord }, { id: oost, name: Oost }]
                regions: [{ id: groningen, name: Groningen, network: noord }, { id: twente, name: Twente, network: oost }]
                facilities:
                  - { id: F1, region: twente, lat: 52.3, lon: 6.8, services: [{ id: S1, careTypes: [home], mode: residential, capacity: 2 }] }
                  - { id: F2, region: groningen, lat: 53.2, lon: 6.6, services: [{ id: S2, careTypes: [home], mode: residential, capacity: 1 }] }

                """,
            "cases.csv": "id,lat,lon,region,age,needs,pinnedService\nC1,53.2,6.5,groningen,14,home,S1\nC2,53.2,6.5,groningen,14,home,\nC3,52.3,6.8,twente,14,home,\n",
            "own.yaml": "version: 1\nname: own\nlandscape: landscape.yaml\ncases: cases.csv\nchanges:\n  - ownNetworkOnly: true\n",
        ])
        let scenario = try ScenarioResolver.resolve(f["own.yaml"] ?? "")
        let plan = try Planner(solver: GLPKSolver()).plan(PlacementProblem(landscape: scenario.input.landscape, cases: scenario.input.cases))
        let placed = Dictionary(uniqueKeysWithValues: plan.assignments.compactMap { a in a.service.map { (a.caseID.rawValue, $0.id.rawValue) } })
        #expect(placed == ["C1": "S1", "C2": "S2", "C3": "S1"])
        let record = RunRecord(scenario, plan: plan, solverName: "GLPK", reproducible: true, outputs: [])
        #expect(record.pinsOutsideOwnNetwork == ["C1 at S1"])
        #expect(record.json.contains("\"pinsOutsideOwnNetwork\""))
        let outcome = ScenarioOutcome(name: "own", description: nil, plan: plan)
        #expect(outcome.exceptions == "own network only, but 1 pinned child keeps its place outside it (decisions already taken): C1 at S1")
        #expect(ScenarioComparison([outcome, outcome]).markdown.contains("C1 at S1"))
    }
}
