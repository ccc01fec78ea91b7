import ArgumentParser
import Foundation
import GLPK
import LinearProgramming
import Placement
import PlacementIO
import PlacementModel
import PlacementScenarios

/// `careplace scenario …`: policy what-ifs (SPEC §6).
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Plan policy what-if scenarios of the care landscape.",
        subcommands: [ScenarioRunCommand.self]
    )
}

/// Options shared by `scenario run` and `compare`.
struct ScenarioOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override after every change of the files: key=value (repeatable).",
        discussion: "Keys: " + ScenarioResolver.overrideKeys.joined(separator: ", ")))
    var overrides: [String] = []

    @Option(name: .customLong("time-limit"), help: "Stop each plan after this many seconds with the best plan found.")
    var timeLimit: Double?

    @Option(help: "Scenarios planned at the same time (default: the number of cores). Results do not depend on it.")
    var jobs: Int?

    @Flag(help: "Write solveSeconds as 0, so that repeated runs give byte-identical files.")
    var reproducible = false

    func validate() throws {
        if let t = timeLimit, !(t > 0 && t.isFinite) { throw ValidationError("--time-limit is \(t); expected a positive number of seconds") }
        if let j = jobs, j < 1 { throw ValidationError("--jobs is \(j); expected at least 1") }
    }

    /// Every file resolved; all problems of all files reported together (exit 2).
    func resolve(_ files: [String]) throws -> [ResolvedScenario] {
        var resolved: [(file: String, scenario: ResolvedScenario)] = []
        var problems: [String] = []
        for file in files {
            do {
                resolved.append((file, try ScenarioResolver.resolve(file, overrides: overrides)))
            } catch {
                problems.append(error.description)
            }
        }
        // each scenario gets a folder of its own, named after it
        var seen: [String: String] = [:]
        for (file, s) in resolved {
            guard let folder = folderName(s.name) else {
                problems.append("\(file): name: found \"\(s.name)\"; expected a name that can be a folder name (not empty, not starting with a dot)")
                continue
            }
            if let other = seen[folder] {
                problems.append("\(file): name: \"\(s.name)\" gives the same folder name as the scenario in \(other); expected names unique in one run")
            }
            seen[folder] = file
        }
        if !problems.isEmpty { throw CLIError.badInput(problems.joined(separator: "\n")) }
        return resolved.map(\.scenario)
    }

    /// Plans every scenario, in parallel over the cores (GLPK keeps its state
    /// per thread); each plan is the same as planned alone.
    func plan(_ scenarios: [ResolvedScenario]) throws -> [Plan] {
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let planner = Planner(solver: GLPKSolver(), parameters: SolveParameters(timeLimit: timeLimit))
        let results = ScenarioRunner.plan(scenarios.map(\.input), with: planner, jobs: jobs)
        return try zip(scenarios, results).map { scenario, result in
            switch result {
            case .success(let plan): return plan
            case .failure(let error as InfeasiblePlanError):
                throw CLIError(message: "scenario \(scenario.name): \(error.description)", exitCode: CLIError.infeasibleCode)
            case .failure(let error):
                throw CLIError.failure("scenario \(scenario.name): \(error)")
            }
        }
    }
}

/// A scenario name as a folder name (letters, digits, - _ . kept, others
/// as _), nil when it would be empty or start with a dot (".", "..").
func folderName(_ name: String) -> String? {
    let folder = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
    return folder.isEmpty || folder.hasPrefix(".") ? nil : folder
}

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
        let plans = try options.plan(scenarios)
        let solverName = GLPKSolver().name
        var rows: [[String]] = [["scenario", "status", "placed", "unplaced", "mean km", "mean wait", "objective", "folder"]]
        for (scenario, plan) in zip(scenarios, plans) {
            let report = PlanReport(plan: plan, solverName: solverName, reproducible: options.reproducible)
            let folder = (out as NSString).appendingPathComponent(folderName(scenario.name) ?? "scenario")
            let names = ["assignments.csv", "summary.json", "scenario.yaml", "run.json"]
            let record = RunRecord(scenario, plan: plan, solverName: solverName, reproducible: options.reproducible, outputs: names)
            do {
                try OutputWriter.write(
                    [("assignments.csv", report.assignmentsCSV), ("summary.json", report.summaryJSON),
                     ("scenario.yaml", scenario.resolvedYAML), ("run.json", record.json)],
                    into: folder, protecting: [scenario.landscapePath, scenario.casesPath] + scenario.chain)
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

/// `careplace compare BASELINE OTHER…`
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Plan scenarios and compare every KPI with the baseline (the first file).",
        discussion: "Prints the KPI table; --markdown, --csv, --json and --html also write the breakdowns per network and region."
    )

    @Argument(help: "The baseline scenario, then the scenarios to compare with it.")
    var files: [String]

    @OptionGroup var options: ScenarioOptions

    @Option(help: "Write the comparison as one self-contained HTML report.")
    var html: String?
    @Option(help: "Write the comparison as Markdown.")
    var markdown: String?
    @Option(help: "Write the comparison as CSV (long format: scope, area, metric, scenario, value, delta).")
    var csv: String?
    @Option(help: "Write the comparison as JSON.")
    var json: String?

    func validate() throws {
        if files.count < 2 { throw ValidationError("found \(files.count) scenario file(s); expected a baseline and at least one other") }
    }

    func run() throws {
        let scenarios = try options.resolve(files)
        let plans = try options.plan(scenarios)
        let comparison = ScenarioComparison(zip(scenarios, plans).map { ScenarioOutcome(name: $0.name, description: $0.description, plan: $1) })
        let inputs = scenarios.flatMap { [$0.landscapePath, $0.casesPath] + $0.chain }
        var written: [String] = []
        for (path, contents) in [(markdown, { comparison.markdown }), (csv, { comparison.csv }), (json, { comparison.json }), (html, { ComparisonHTML(comparison).document })] as [(String?, () -> String)] {
            guard let path else { continue }
            let dir = (path as NSString).deletingLastPathComponent
            do {
                try OutputWriter.write([((path as NSString).lastPathComponent, contents())], into: dir.isEmpty ? "." : dir, protecting: inputs)
            } catch {
                throw CLIError.failure(String(describing: error))
            }
            written.append(path)
        }
        print(comparison.text, terminator: "")
        if !written.isEmpty { print("written: " + written.joined(separator: ", ")) }
    }
}
