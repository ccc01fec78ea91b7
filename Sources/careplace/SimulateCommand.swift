import ArgumentParser
import Foundation
import GLPK
import Placement
import PlacementIO
import PlacementModel
import PlacementScenarios
import PlacementSimulation

/// `careplace simulate FILE…`: the landscape over time (SPEC §7).
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Play scenarios forward: arrivals, stays and a plan every week, over replications with confidence intervals.",
        discussion: "Writes summary.json and weekly.csv into --out/<simulation name>/ and prints each simulation's KPIs."
    )

    @Argument(help: "Simulation files (YAML, SPEC §7).")
    var files: [String]

    @Option(help: "Output folder; each simulation gets a folder of its own.")
    var out = "careplace-sim"

    @Option(help: "Replications (overrides the files' replications).")
    var replications: Int?

    @Option(help: "Replications run at the same time (default: the number of cores). Results do not depend on it.")
    var jobs: Int?

    func validate() throws {
        if files.isEmpty { throw ValidationError("no simulation file given; expected at least one") }
        if let r = replications, !(1...10_000).contains(r) { throw ValidationError("--replications is \(r); expected 1 to 10000") }
        if let j = jobs, j < 1 { throw ValidationError("--jobs is \(j); expected at least 1") }
    }

    func run() throws {
        var simulations: [Simulation] = []
        var problems: [String] = []
        for file in files {
            do {
                var s = try SimulationReader.read(file)
                if let replications { s.replications = replications }
                simulations.append(s)
            } catch {
                problems.append(error.description)
            }
        }
        problems += RunFolder.problems(simulations.map { ($0.file, $0.name) }, kind: "simulation")
        if !problems.isEmpty { throw CLIError.badInput(problems.joined(separator: "\n")) }
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        for simulation in simulations {
            let results: [ReplicationResult]
            do {
                results = try SimulationRunner.run(simulation, planner: Planner(solver: GLPKSolver()), jobs: jobs)
            } catch let error as InfeasiblePlanError {
                throw CLIError(message: "simulation \(simulation.name): \(error.description)", exitCode: CLIError.infeasibleCode)
            } catch {
                throw CLIError.failure("simulation \(simulation.name): \(error)")
            }
            let summary = SimulationSummary(simulation, results: results)
            let folder = (out as NSString).appendingPathComponent(RunFolder.name(of: simulation.name) ?? "simulation")
            do {
                try OutputWriter.write(
                    [("summary.json", summary.json), ("weekly.csv", summary.weeklyCSV)],
                    into: folder, protecting: [simulation.file] + simulation.inputFiles)
            } catch {
                throw CLIError.failure(String(describing: error))
            }
            print(summary.text, terminator: "")
            print("written: \(folder)/summary.json, weekly.csv")
        }
    }
}
