import Foundation
@testable import PlacementModel
@testable import PlacementSimulation
import Testing

/// Simulation files: read with the scenario they name, and every problem
/// reported with its key path, the value found and what was expected.
@Suite("Simulation files")
struct SimulationReaderTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios")

    static func write(_ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("careplace-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("sim.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("the bundled year simulations read with their scenarios (Zuidlaren closed: fewer secure places)")
    func bundled() throws {
        let base = try SimulationReader.read(Self.scenarios.appendingPathComponent("simulations/baseline-year.yaml").path)
        let closed = try SimulationReader.read(Self.scenarios.appendingPathComponent("simulations/close-secure-zuidlaren-year.yaml").path)
        #expect(base.weeks == 52 && base.warmUpWeeks == 8 && base.replications == 20)
        #expect(base.stay("secure").meanDays == 175 && base.stay("fact").distribution == .exponential)
        #expect(base.stay("eating-disorder") == base.defaultStay)
        #expect(base.stepDown.first?.to == ["family-home", "intensive-home"])
        #expect(base.input.cases.count == closed.input.cases.count)
        func secure(_ s: Simulation) -> Int { s.input.landscape.services.filter(\.secure).reduce(0) { $0 + $1.capacity } }
        #expect(secure(closed) < secure(base))
        #expect(base.inputFiles.contains { $0.hasSuffix("nl-demo/cases.csv") })
    }

    @Test("every problem at once, each with its key path, the value found and what was expected")
    func problems() throws {
        let landscape = Self.scenarios.appendingPathComponent("nl-demo/landscape.yaml").path
        let cases = Self.scenarios.appendingPathComponent("nl-demo/cases.csv").path
        let path = try Self.write("""
            version: 1
            name: broken
            landscape: \(landscape)
            cases: \(cases)
            weeks: 0
            replanEveryDays: 30
            colour: blue
            arrivals: { perWeek: -3 }
            stays:
              default: { meanDays: 100, distribution: exponential, cv: 0.5 }
              secure: { meanDays: 200 }
              fact: { meanDays: 100, cv: 0 }
            stepDown:
              - { from: secure, share: 1.5, to: [family-home] }
            """)
        do {
            _ = try SimulationReader.read(path)
            Issue.record("a broken file was read")
        } catch {
            let text = error.description
            for expected in [
                "weeks", "a whole number of weeks 1..520", "replanEveryDays", "unknown key \"colour\"",
                "arrivals.perWeek", "stays.default.cv", "expected cv only with lognormal",
                "stays.secure.cv", "stepDown[0].share", "a share 0..1", "stays.fact.cv", "above 0",
            ] {
                #expect(text.contains(expected), "\(expected) in \(text)")
            }
        }
    }

    @Test("names the landscape does not have: care types and networks")
    func unknownNames() throws {
        let scenario = Self.scenarios.appendingPathComponent("baseline.yaml").path
        let path = try Self.write("""
            version: 1
            name: names
            scenario: \(scenario)
            weeks: 4
            arrivals: { perWeek: 3, byNetwork: { atlantis: 2 } }
            stays:
              default: { meanDays: 100, cv: 0.5 }
              unicorn-care: { meanDays: 10, distribution: fixed }
            stepDown:
              - { from: secure, share: 0.5, to: [family-home] }
              - { from: secure, share: 0.2, to: [fact] }
            """)
        #expect { try SimulationReader.read(path) } throws: { error in
            let text = String(describing: error)
            return text.contains("stays.unicorn-care") && text.contains("a care type of the landscape")
                && text.contains("arrivals.byNetwork.atlantis") && text.contains("a network of the landscape")
                && text.contains("stepDown[1].from") && text.contains("one step-down per care type")
        }
    }
}
