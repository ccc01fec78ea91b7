@testable import DutchLandscape
import Foundation
import GLPK
@testable import Placement
@testable import PlacementIO
@testable import PlacementModel
@testable import PlacementScenarios
import PlacementTestSupport
import Testing

/// The table of weights (``Weights/table``) is the only list of them: every
/// entry is read from a landscape, written back, set by a scenario's
/// `setWeights` and by `--set weights.KEY`, and recorded in the run record and
/// the resolved scenario.
@Suite("Weight table")
struct WeightTableTests {
    @Test("every weight of the table is read, written, set and recorded")
    func everyEntryGoesEverywhere() throws {
        let input = InstanceGenerator(options: .init(cases: 20, seed: 3)).generate()
        for (k, entry) in Weights.table.enumerated() {
            let value = 7.25 + Double(k)
            var landscape = input.landscape
            landscape.weights[keyPath: entry.keyPath] = value
            // written by the instance writer, read by the landscape reader
            let (group, member) = entry.parts
            let yaml = InstanceWriter.landscapeYAML(landscape)
            #expect(yaml.contains(member.map { "\($0): \(value)" } ?? "\(group): \(value)"))
            let f = try Fixture.files([
                "landscape.yaml": yaml, "cases.csv": InstanceWriter.casesCSV(input.cases),
                "s.yaml": "version: 1\nname: s\nlandscape: landscape.yaml\ncases: cases.csv\nchanges:\n"
                    + "  - setWeights: { \(group): \(member.map { "{ \($0): \(value + 1) }" } ?? "\(value + 1)") }\n",
            ])
            let read = try InputReader.read(landscape: f["landscape.yaml"] ?? "", cases: f["cases.csv"] ?? "")
            #expect(read.landscape.weights[keyPath: entry.keyPath] == value, "\(entry.key) read back")
            // a scenario's setWeights, then --set, last wins
            let scenario = try ScenarioResolver.resolve(f["s.yaml"] ?? "")
            #expect(scenario.input.landscape.weights[keyPath: entry.keyPath] == value + 1, "\(entry.key) by setWeights")
            #expect(scenario.resolvedYAML.contains("setWeights \(entry.key) "), "\(entry.key) in the resolved scenario")
            let overridden = try ScenarioResolver.resolve(f["s.yaml"] ?? "", overrides: ["weights.\(entry.key)=\(value + 2)"])
            #expect(overridden.input.landscape.weights[keyPath: entry.keyPath] == value + 2, "\(entry.key) by --set")
            let plan = try Planner(solver: GLPKSolver()).plan(overridden.input)
            let record = RunRecord(overridden, plan: plan, solverName: "stub", reproducible: true, outputs: []).json
            #expect(record.contains("\"weights.\(entry.key)=\(value + 2)\""), "\(entry.key) in run.json")
            #expect(overridden.resolvedYAML.contains("\(member ?? group): \(value + 2)"), "\(entry.key) in scenario.yaml")
        }
        // a weight the table does not know is refused by name
        let f = try Fixture.files(["landscape.yaml": InstanceWriter.landscapeYAML(input.landscape), "cases.csv": InstanceWriter.casesCSV(input.cases),
                                   "s.yaml": "version: 1\nname: s\nlandscape: landscape.yaml\ncases: cases.csv\n"])
        #expect(throws: InputError.self) { try ScenarioResolver.resolve(f["s.yaml"] ?? "", overrides: ["weights.perMile=1"]) }
    }
}
