@testable import DutchLandscape
import Foundation
@testable import Placement
@testable import PlacementIO
@testable import PlacementModel
import PlacementTestSupport
import Testing

/// Total validation: every problem in both files, each naming file, line or
/// key path, what was found and what was expected.
@Suite("Input validation")
struct InputValidationTests {
    static let landscape = """
    planningDate: 2026-11-23
    careTypes:
      - { id: home, name: Home }
      - { id: fact, name: FACT }
    networks:
      - { id: noord, name: Noord }
    regions:
      - { id: groningen, name: Groningen, network: noord }
    facilities:
      - id: F1
        region: groningen
        lat: 53.2
        lon: 6.5
        services:
          - { id: S1, careTypes: [home], mode: residential, capacity: 2, occupied: [2026-12-01] }
    teams:
      - { id: T1, region: groningen, lat: 53.2, lon: 6.5, careTypes: [fact], caseload: 3, maxTravelKm: 40 }

    """
    static let cases = "id,lat,lon,region,age,needs\nC1,53.1,6.5,groningen,14,home|fact\n"

    func read(landscape: String = landscape, cases: String = cases, casesName: String = "cases.csv") throws -> Result<PlacementInput, InputError> {
        let paths = try Fixture.files(["landscape.yaml": landscape, casesName: cases])
        do {
            return .success(try InputReader.read(landscape: paths["landscape.yaml"] ?? "", cases: paths[casesName] ?? ""))
        } catch {
            return .failure(error)
        }
    }

    func problems(landscape: String = landscape, cases: String = cases, casesName: String = "cases.csv") throws -> [String] {
        switch try read(landscape: landscape, cases: cases, casesName: casesName) {
        case .success: return []
        case .failure(let e): return e.problems.map(\.description)
        }
    }

    @Test("the reference files are valid")
    func valid() throws {
        let input = try read().get()
        #expect(input.cases.count == 1)
        #expect(input.landscape.services.map(\.id) == ["S1", "T1"])
        #expect(input.landscape.services[1].mode == .outreach)
    }

    @Test("a JSON landscape is read like YAML, strictness included")
    func jsonLandscape() throws {
        let json = """
        {"planningDate": "2026-11-23", "careTypes": [{"id": "home", "name": "Home"}],
         "networks": [{"id": "noord"}], "regions": [{"id": "groningen", "network": "noord"}],
         "facilities": [{"id": "F1", "region": "groningen", "lat": 53.2, "lon": 6.5,
           "services": [{"id": "S1", "careTypes": ["home"], "mode": "residential", "capacity": 2}]}]}
        """
        let input = try read(landscape: json, cases: "id,lat,lon,region,age,needs\nC1,53.1,6.5,groningen,14,home\n").get()
        #expect(input.landscape.services.map(\.id) == ["S1"])
        let typo = try problems(landscape: json.replacingOccurrences(of: "\"capacity\"", with: "\"capacty\""))
        #expect(typo.contains { $0.contains("unknown key \"capacty\"") })
    }

    @Test("landscape problems are all listed with line and key path", arguments: [
        ("horizonDays: -3\n", "horizonDays: found \"-3\"; expected a whole number of days between 0 and 3650"),
        ("colour: blue\n", "colour: unknown key \"colour\""),
        ("weights: { perKm: .nan }\n", "weights.perKm: found \".nan\"; expected a number from 0 to 1000000"),
        ("distance: { detourFactor: 0 }\n", "distance.detourFactor: found \"0\"; expected a number above 0, at most 10"),
    ])
    func landscapeTopLevel(_ extra: String, _ expected: String) throws {
        let found = try problems(landscape: Self.landscape + extra)
        #expect(found.contains { $0.contains(expected) }, "\(found)")
        #expect(found.allSatisfy { $0.hasPrefix("") && $0.contains("landscape.yaml:") })
    }

    @Test("bad values inside facilities and teams name their key path and line")
    func nested() throws {
        let bad = Self.landscape
            .replacingOccurrences(of: "capacity: 2, occupied: [2026-12-01]", with: "capacity: 0, occupied: [2026-12-01, 2026-13-01]")
            .replacingOccurrences(of: "careTypes: [fact]", with: "careTypes: [fakt]")
            .replacingOccurrences(of: "lat: 53.2\n    lon: 6.5", with: "lat: 95\n    lon: 6.5")
        let found = try problems(landscape: bad)
        #expect(found.contains { $0.contains("facilities[0].services[0].occupied[1]: found \"2026-13-01\"; expected a date YYYY-MM-DD") }, "\(found)")
        #expect(found.contains { $0.contains("facilities[0].services[0].occupied: lists 1 occupied places; expected at most the capacity, 0") }, "\(found)")
        #expect(found.contains { $0.contains("teams[0].careTypes: found \"fakt\"; expected a care type listed under careTypes:") }, "\(found)")
        #expect(found.contains { $0.contains("landscape.yaml:12: facilities[0].lat: found \"95\"; expected a latitude between -90 and 90") }, "\(found)")
    }

    @Test("duplicate keys, duplicate ids and unknown references are problems")
    func duplicates() throws {
        let dupKey = try problems(landscape: "planningDate: 2026-11-23\nplanningDate: 2026-11-24\n")
        #expect(dupKey.contains { $0.contains("duplicate key") && $0.contains("planningDate") }, "\(dupKey)")
        let dupID = Self.landscape.replacingOccurrences(of: "{ id: T1,", with: "{ id: S1,")
        #expect(try problems(landscape: dupID).contains { $0.contains("\"S1\" is already used") })
        let badRegion = Self.landscape.replacingOccurrences(of: "network: noord }", with: "network: zuid }")
        #expect(try problems(landscape: badRegion).contains { $0.contains("regions[0].network: found \"zuid\"") })
    }

    @Test("case problems name the line, the column, the value and what was expected")
    func caseProblems() throws {
        let cases = """
        id,lat,lon,region,age,needs,urgency,pinnedService,forbiddenServices,conflictsWith,readyDate
        C1,53.1,6.5,groningen,fourteen,home,,,,,
        C2,NaN,6.5,drenthe,12,home|magic,urgent,S9,T7,C9,2026-02-30
        C1,53.1,6.5,groningen,14,home,,,,,

        """
        let found = try problems(cases: cases)
        let expected = [
            "cases.csv:2: age: found \"fourteen\"; expected a whole number of years",
            "cases.csv:3: lat: found \"NaN\"; expected a latitude between -90 and 90",
            "cases.csv:3: region: found \"drenthe\"; expected a region of the landscape",
            "cases.csv:3: needs: found \"magic\"; expected a care type of the landscape",
            "cases.csv:3: urgency: found \"urgent\"; expected crisis, high or normal",
            "cases.csv:3: pinnedService: found \"S9\"",
            "cases.csv:3: forbiddenServices: found \"T7\"",
            "cases.csv:3: readyDate: found \"2026-02-30\"",
        ]
        for e in expected { #expect(found.contains { $0.hasSuffix(e) || $0.contains(e) }, "missing: \(e) in \(found)") }
        // C1 on line 4 repeats line 2's id only if line 2 was valid; here line 2 is invalid, so no duplicate is reported
        let dup = try problems(cases: "id,lat,lon,region,age,needs,conflictsWith\nC1,53.1,6.5,groningen,14,home,\nC1,53.1,6.5,groningen,15,home,C5\n")
        #expect(dup.contains { $0.contains("cases.csv:3: id: case id \"C1\" is already used on line 2") }, "\(dup)")
    }

    @Test("a missing required column is reported once, from the header")
    func missingColumn() throws {
        let found = try problems(cases: "id,lat,lon,region,needs\nC1,53.1,6.5,groningen,home\n")
        #expect(found.count == 1)
        #expect(found.first?.hasSuffix("cases.csv:1: age: required column is missing from the header") == true)
    }

    @Test("extra columns are ignored with a warning; a header-only file is an empty, valid plan")
    func lenient() throws {
        let input = try read(cases: "id,lat,lon,region,age,needs,caseworker\nC1,53.1,6.5,groningen,14,home,Jansen\n").get()
        #expect(input.cases.count == 1)
        #expect(input.warnings.contains { $0.field == "caseworker" && $0.message.contains("unknown column ignored") })
        let empty = try read(cases: "id,lat,lon,region,age,needs\n").get()
        #expect(empty.cases.isEmpty)
    }

    @Test("semicolon files with decimal commas, a BOM and CRLF read as Dutch spreadsheets write them")
    func dutchExport() throws {
        let text = "\u{FEFF}id;lat;lon;region;age;needs;maxDistanceKm\r\nC1;53,219;6,566;groningen;14;home;12,5\r\n"
        let input = try read(cases: text).get()
        let c = try #require(input.cases.first)
        #expect(c.home.lat == 53.219 && c.home.lon == 6.566)
        #expect(c.maxDistanceKm == 12.5)
    }

    @Test("cases as YAML with lists or |-separated text")
    func yamlCases() throws {
        let yaml = """
        - { id: C1, lat: 53.1, lon: 6.5, region: groningen, age: 14, needs: [home, fact] }
        - { id: C2, lat: 53.1, lon: 6.5, region: groningen, age: 9, needs: "fact|home", urgency: crisis, homeBasedPossible: false }
        """
        let input = try read(cases: yaml, casesName: "cases.yaml").get()
        #expect(input.cases.map(\.needs) == [["home", "fact"], ["fact", "home"]])
        #expect(input.cases[1].urgency == .crisis && !input.cases[1].homeBasedPossible)
        let typo = try problems(cases: "- { id: C1, lat: 53.1, lon: 6.5, region: groningen, age: 14, needs: [home], urgncy: high }\n", casesName: "cases.yaml")
        #expect(typo.contains { $0.contains("unknown key \"urgncy\"") })
    }

    @Test("matrix files: distances used, unknown ids warned, contradictions refused")
    func matrix() throws {
        let withMatrix = Self.landscape + "distance: { matrix: travel-km.csv }\n"
        let paths = try Fixture.files([
            "landscape.yaml": withMatrix, "cases.csv": Self.cases,
            "travel-km.csv": "from,to,km\nC1,F1,7.5\nC1,T1,3\nC9,F1,1\n",
        ])
        let input = try InputReader.read(landscape: paths["landscape.yaml"] ?? "", cases: paths["cases.csv"] ?? "")
        #expect(input.landscape.matrix?.distance(from: "C1", to: "F1") == 7.5)
        #expect(input.warnings.contains { $0.message.contains("ignored") })
        let bad = try Fixture.files([
            "landscape.yaml": withMatrix, "cases.csv": Self.cases,
            "travel-km.csv": "from,to,km\nC1,F1,7.5\nC1,F1,8\n",
        ])
        #expect(throws: InputError.self) { try InputReader.read(landscape: bad["landscape.yaml"] ?? "", cases: bad["cases.csv"] ?? "") }
    }
}
