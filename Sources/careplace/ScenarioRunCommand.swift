import ArgumentParser
import Foundation
import GLPK
import LinearProgramming
import Placement
import PlacementIO
import PlacementModel
import PlacementScenarios

/// `careplace scenario run FILE…`
struct ScenarioRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Plan each scenario and write its run record.",
        discussion: """
            Into --out/<scenario name>/: assignments.csv and summary.json (as `careplace solve` writes them), \
            scenario.yaml (the resolved scenario) and run.json (hashes of every input, the changes applied, \
            solver statistics and the command that re-runs it).
            """
    )

    @Argument(help: "Scenario files (YAML, SPEC §6).")
    var files: [String]

    @OptionGroup var options: ScenarioOptions

    @Option(help: "Output folder; each scenario gets a folder of its own.")
    var out = "careplace-scenarios"

    @Flag(name: .customLong("print-resolved"), help: "Print each resolved scenario and stop (nothing is planned or written).")
    var printResolved = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("no scenario file given; expected at least one") }
    }

    func run() throws {
        let scenarios = try options.resolve(files)
        if printResolved {
            print(scenarios.map(\.resolvedYAML).joined(separator: "---\n"), terminator: "")
            return
        }
        try OutputCheck.folders(
            scenarios.map { ((out as NSString).appendingPathComponent(RunFolder.name(of: $0.name) ?? "scenario"), RunFolder.files) },
            protecting: scenarios.flatMap { [$0.landscapePath, $0.casesPath] + $0.chain })
        let plans = try options.plan(scenarios)
        let solverName = GLPKSolver().name
        var rows: [[String]] = [["scenario", "status", "placed", "unplaced", "mean km", "mean wait", "objective", "folder"]]
        for (scenario, plan) in zip(scenarios, plans) {
            let (folder, report): (String, PlanReport)
            do {
                (folder, report) = try RunFolder.write(scenario, plan: plan, solverName: solverName, reproducible: options.reproducible, under: out)
            } catch {
                throw CLIError.failure(String(describing: error))
            }
            rows.append([
                scenario.name, plan.status.rawValue, String(report.kpis.placed), String(report.kpis.unplaced),
                String(format: "%.1f", report.kpis.distanceKm.mean), String(format: "%.1f", report.kpis.waitDays.mean),
                String(format: "%.1f", plan.objective), folder,
            ])
        }
        print(ScenarioComparison.table(rows), terminator: "")
    }
}
