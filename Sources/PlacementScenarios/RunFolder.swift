import Foundation
import SafeWrite
public import Placement
public import PlacementIO

/// Where `scenario run` puts a scenario's results (SPEC §6): a folder per
/// scenario under the output folder, named after the scenario, holding the
/// plan's files (as `careplace solve` writes them), the resolved scenario
/// and the run record.
public enum RunFolder {
    public static let files = ["assignments.csv", "summary.json", "scenario.yaml", "run.json"]

    /// A scenario name as a folder name (letters, digits, - _ . kept, others
    /// as _), nil when it would be empty or start with a dot (".", "..").
    public static func name(of scenario: String) -> String? {
        let folder = String(scenario.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
        return folder.isEmpty || folder.hasPrefix(".") ? nil : folder
    }

    /// Problems with the scenarios' folder names (one per file): a name that
    /// cannot be a folder's, or two scenarios in one folder.
    public static func problems(_ scenarios: [(file: String, scenario: ResolvedScenario)]) -> [String] {
        problems(scenarios.map { ($0.file, $0.scenario.name) }, kind: "scenario")
    }

    /// The same for any named runs (simulations too), by file and name.
    public static func problems(_ runs: [(file: String, name: String)], kind: String) -> [String] {
        var problems: [String] = []
        var seen: [String: String] = [:]
        for (file, runName) in runs {
            guard let folder = name(of: runName) else {
                problems.append("\(file): name: found \"\(runName)\"; expected a name that can be a folder name (not empty, not starting with a dot)")
                continue
            }
            if let other = seen[folder] {
                problems.append("\(file): name: \"\(runName)\" gives the same folder name as the \(kind) in \(other); expected names unique in one run")
            }
            seen[folder] = file
        }
        return problems
    }

    /// Writes the scenario's folder under `out` as one set (nothing written
    /// over its inputs); returns the folder and the plan's report.
    public static func write(
        _ scenario: ResolvedScenario, plan: Plan, solverName: String, reproducible: Bool, under out: String
    ) throws -> (folder: String, report: PlanReport) {
        let report = PlanReport(plan: plan, solverName: solverName, reproducible: reproducible)
        let folder = (out as NSString).appendingPathComponent(name(of: scenario.name) ?? "scenario")
        let record = RunRecord(scenario, plan: plan, solverName: solverName, reproducible: reproducible, outputs: files)
        try OutputWriter.write(
            [("assignments.csv", report.assignmentsCSV), ("summary.json", report.summaryJSON),
             ("scenario.yaml", scenario.resolvedYAML), ("run.json", record.json)],
            into: folder, protecting: [scenario.landscapePath, scenario.casesPath] + scenario.chain)
        return (folder, report)
    }
}
