@testable import DutchLandscape
import Foundation
@testable import PlacementIO
@testable import PlacementModel
@testable import PlacementScenarios
import PlacementTestSupport
import Testing

/// Numbers that validate accepted but that overflowed or trapped later
/// (issue 14): now refused where they are read, naming the field, the value
/// and the range.
@Suite("Limits on input numbers")
struct LimitsTests {
    static func files(landscape edit: (String) -> String = { $0 }, scenario: String = "") throws -> [String: String] {
        let input = InstanceGenerator(options: .init(cases: 30, seed: 2)).generate()
        return try Fixture.files([
            "landscape.yaml": edit(InstanceWriter.landscapeYAML(input.landscape)),
            "cases.csv": InstanceWriter.casesCSV(input.cases),
            "s.yaml": "version: 1\nname: s\nlandscape: landscape.yaml\ncases: cases.csv\n" + scenario,
        ])
    }

    static func problems(_ body: () throws -> Void) -> String {
        do {
            try body()
            return ""
        } catch {
            return String(describing: error)
        }
    }

    @Test("a weight above 1000000, a detour factor of 1e18, a capacity of Int.max in a landscape")
    func landscape() throws {
        let f = try Self.files { yaml in
            yaml.replacingOccurrences(of: "perKm: 1.0", with: "perKm: 3e16")
                .replacingOccurrences(of: "detourFactor: 1.3", with: "detourFactor: 1e18")
        }
        let text = Self.problems { _ = try InputReader.read(landscape: f["landscape.yaml"] ?? "", cases: f["cases.csv"] ?? "") }
        #expect(text.contains("weights.perKm") && text.contains("a number from 0 to 1000000"), "\(text)")
        #expect(text.contains("distance.detourFactor") && text.contains("at most 10"), "\(text)")
        let g = try Self.files { yaml in
            guard let r = yaml.range(of: "capacity: ") else { return yaml }
            let end = yaml[r.upperBound...].firstIndex(where: { !$0.isNumber }) ?? yaml.endIndex
            return yaml.replacingCharacters(in: r.upperBound..<end, with: "9223372036854775807")
        }
        let capacity = Self.problems { _ = try InputReader.read(landscape: g["landscape.yaml"] ?? "", cases: g["cases.csv"] ?? "") }
        #expect(capacity.contains("a whole number from 0 to 100000"), "\(capacity)")
    }

    @Test("--set and scenario changes: huge weights and capacities, and demand scaled past a million in a row")
    func changes() throws {
        let f = try Self.files(scenario: """
            changes:
              - scaleDemand: { factor: 100 }
              - scaleDemand: { factor: 100 }
              - scaleDemand: { factor: 100 }
            """)
        let demand = Self.problems { _ = try ScenarioResolver.resolve(f["s.yaml"] ?? "") }
        #expect(demand.contains("at most 1000000 after all changes"), "\(demand)")
        let g = try Self.files()
        for (override, expected) in [
            ("weights.unplaced=1e307", "a number from 0 to 1000000"),
            ("capacity.T-FACT-1=9223372036854775807", "a whole number from 0 to 100000"),
            ("weights.perKm=0x10", "found \"0x10\"; expected a number from 0 to 1000000"),
            ("demand=0x2", "found \"0x2\"; expected a factor between 0 and 100"),
        ] {
            let text = Self.problems { _ = try ScenarioResolver.resolve(g["s.yaml"] ?? "", overrides: [override]) }
            #expect(text.contains(expected), "\(override): \(text)")
        }
    }
}
