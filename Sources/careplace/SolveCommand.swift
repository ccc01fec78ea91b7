import ArgumentParser
import Foundation
import SafeWrite
import GLPK
import LinearProgramming
import Placement
import PlacementIO
import PlacementModel
import PlacementScenarios
import PlacementXLSX

/// `careplace solve`: the weekly plan of a placement coordinator.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Plan the waiting children: who goes where, from when, how far, how long the wait, and why not.",
        discussion: "With no files it plans the bundled demo (Scenarios/nl-demo). Writes assignments.csv, assignments.xlsx and summary.json into --out."
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Output folder.")
    var out = "careplace-out"

    @Option(name: .customLong("time-limit"), help: "Stop after this many seconds with the best plan found (status feasible, with its gap); explanations.csv is written only if it is done within the same seconds.")
    var timeLimit: Double?

    @Flag(help: "Write solveSeconds as 0, so that repeated runs give byte-identical files.")
    var reproducible = false

    @Flag(help: "Print where the time went (read, formulate, plan, report, write) to stderr.")
    var timings = false

    @Option(name: .customLong("csv-dialect"), help: "assignments.csv as international (',' and decimal points) or nl (';', decimal commas and a BOM, for Dutch Excel).")
    var csvDialect = CSVDialect.international.rawValue

    @Option(help: "Last week's assignments.csv: a child placed there pays weights.change (default 100) to get another service or none (we don't shop children around).")
    var previous: String?

    @Option(help: "Also write the plan on a map as GeoJSON: facilities and teams with their places, the Dutch regions with their children's outcomes (never a child's home).")
    var geojson: String?

    @Flag(name: .customLong("trade-off"), help: "With --previous: also print children moved and the objective for change weights 0 to 1000, to see what stability costs.")
    var tradeOff = false

    @Flag(
        inversion: .prefixedNo,
        help: "Write explanations.csv (SPEC §9): per placed child its nearest allowed service not given, and the exact extra cost of giving it that one. --no-explanations skips it, and removes an earlier run's explanations.csv from the folder (it would not explain this plan).")
    var explanations = true

    @Option(help: "The language of the summary, the explanations and the workbook: en (default) or nl. Codes and CSV column names stay as they are.")
    var lang = Language.en.rawValue

    @Flag(help: "Print summary.json on stdout instead of the table.")
    var json = false

    @Flag(help: "Print nothing on success (problems still go to stderr).")
    var quiet = false

    func validate() throws {
        if let t = timeLimit, !(t > 0 && t.isFinite) {
            throw ValidationError("--time-limit is \(t); expected a positive number of seconds")
        }
        if json && quiet { throw ValidationError("give --json or --quiet, not both") }
        if tradeOff && previous == nil { throw ValidationError("--trade-off needs --previous") }
        if Language(rawValue: lang) == nil { throw ValidationError("--lang is \"\(lang)\"; expected en or nl") }
        if CSVDialect(rawValue: csvDialect) == nil {
            throw ValidationError("--csv-dialect is \"\(csvDialect)\"; expected \(CSVDialect.allCases.map(\.rawValue).joined(separator: " or "))")
        }
    }

    static let outputs = ["assignments.csv", "assignments.xlsx", "summary.json"]
    var outputs: [String] { Self.outputs + (explanations ? ["explanations.csv"] : []) }

    func run() throws {
        Interruption.install()
        let clock = ContinuousClock()
        let started = clock.now
        var phases: [(String, Duration)] = []
        var mark = clock.now
        let progress = PhaseProgress(token: Interruption.token, enabled: !quiet && !json)
        defer { progress?.finish() }
        func lap(_ name: String, next: String) {
            let now = clock.now
            phases.append((name, now - mark))
            mark = now
            progress?.enter(next)
        }
        var (placementInput, inputPaths) = try input.read()
        if let previous {
            try applyPrevious(previous, to: &placementInput)
            inputPaths.append(previous)
        }
        try OutputCheck.folders([(out, outputs)], protecting: inputPaths)
        if let geojson { try OutputCheck.files([geojson] + outputs.map { (out as NSString).appendingPathComponent($0) }, protecting: inputPaths) }
        lap("read", next: "formulating")
        let problem = PlacementProblem(landscape: placementInput.landscape, cases: placementInput.cases)
        lap("formulate", next: "planning")
        let solver = GLPKSolver()
        let plan = try plan(problem, solver: solver)
        lap("plan", next: explanations ? "explaining" : "writing")
        var report = PlanReport(plan: plan, solverName: solver.name, reproducible: reproducible)
        report.withPrevious = previous != nil
        report.language = Language(rawValue: lang) ?? .en
        var explained: [AlternativesExplainer.Nearest]?
        if explanations {
            explained = try explainOrSay(placementInput, plan, deadline: timeLimit.map { started + .seconds($0) })
        }
        if explanations { lap("explain", next: "writing") }
        try write(report, explanations: explained, protecting: inputPaths)
        if let geojson {
            do {
                try OutputWriter.write(file: geojson, protecting: inputPaths) { try PlanGeoJSON(plan).document.write(toFile: $0, atomically: false, encoding: .utf8) }
            } catch {
                throw CLIError.failure(String(describing: error))
            }
        }
        lap("write", next: "done")
        progress?.finish()
        if timings {
            let text = phases.map { name, d in "\(name) \(String(format: "%.3f", d.seconds))" }
            FileHandle.standardError.write(Data(("timings (s): " + text.joined(separator: ", ") + "\n").utf8))
        }
        if Interruption.interrupted {
            let gap = plan.gap.map { String(format: "%.4g", $0) } ?? "unknown"
            FileHandle.standardError.write(Data("careplace: stopped on request: the plan written is the best found so far (\(plan.status.rawValue), gap \(gap))\n".utf8))
        }
        defer { if Interruption.interrupted { Foundation.exit(130) } }
        if json {
            print(report.summaryJSON, terminator: report.summaryJSON.hasSuffix("\n") ? "" : "\n")
        } else if !quiet {
            print(report.text)
            print(report.movesText, terminator: "")
            if tradeOff { print(try tradeOff(placementInput), terminator: "") }
            print("written: " + written(explained != nil).map { "\(out)/\($0)" }.joined(separator: ", "))
        }
    }

    /// The files written: explanations.csv only when explained.
    func written(_ explained: Bool) -> [String] { Self.outputs + (explained ? ["explanations.csv"] : []) }

    /// Last week's plan onto this week's cases (bad file: exit 2).
    func applyPrevious(_ path: String, to input: inout PlacementInput) throws {
        do {
            let applied = try PreviousPlan.apply(path, to: &input)
            if applied.ignored > 0 {
                FileHandle.standardError.write(Data("careplace: \(path): \(applied.ignored) placed children of the previous plan are no longer waiting; ignored\n".utf8))
            }
        } catch {
            throw CLIError.badInput(error.description)
        }
    }

    /// The plan; Ctrl-C or SIGTERM stops it with the best plan so far.
    func plan(_ problem: PlacementProblem, solver: GLPKSolver) throws -> Plan {
        do {
            let parameters = SolveParameters(timeLimit: timeLimit, cancellation: Interruption.token)
            return try Planner(solver: solver, parameters: parameters).plan(problem)
        } catch let error as InfeasiblePlanError {
            throw CLIError(message: error.description, exitCode: CLIError.infeasibleCode)
        } catch {
            throw CLIError.failure(String(describing: error))
        }
    }

    /// explanations.csv's rows; nil, saying why on stderr, when the plan is
    /// not proven optimal or they were stopped (Ctrl-C, or `--time-limit`
    /// passed: the limit holds for the whole run): a cut-short re-plan's
    /// extra cost would not be exact.
    func explainOrSay(_ input: PlacementInput, _ plan: Plan, deadline: ContinuousClock.Instant?) throws -> [AlternativesExplainer.Nearest]? {
        func say(_ why: String) -> [AlternativesExplainer.Nearest]? {
            FileHandle.standardError.write(Data("careplace: explanations.csv not written: \(why)\n".utf8))
            return nil
        }
        guard plan.status == .optimal && !Interruption.interrupted else {
            return say("the plan was stopped before it was proven optimal")
        }
        let stop = CancellationToken()
        let watch = DispatchSource.makeTimerSource(queue: .global())
        watch.schedule(deadline: .now(), repeating: .milliseconds(50))
        watch.setEventHandler {
            if Interruption.interrupted || deadline.map({ ContinuousClock.now >= $0 }) == true { stop.cancel() }
        }
        watch.resume()
        defer { watch.cancel() }
        var rows: [AlternativesExplainer.Nearest] = []
        do {
            rows = try AlternativesExplainer(planner: Planner(solver: GLPKSolver(), parameters: SolveParameters(cancellation: stop)))
                .nearest(
                    landscape: input.landscape, cases: input.cases, given: plan.assignments.map { $0.service?.id }, planned: plan,
                    jobs: ProcessInfo.processInfo.activeProcessorCount, progress: { Interruption.token.report(done: $0, of: $1) })
        } catch where !stop.isCancelled {
            throw CLIError.failure("explanations: \(error)")
        } catch {}
        guard !stop.isCancelled else {
            return say(Interruption.interrupted ? "stopped on request" : "--time-limit passed before every child was explained (--no-explanations skips them)")
        }
        return rows
    }

    /// assignments.csv, assignments.xlsx and summary.json (and
    /// explanations.csv when asked), as one set.
    func write(_ report: PlanReport, explanations: [AlternativesExplainer.Nearest]?, protecting inputs: [String]) throws {
        do {
            var files = [
                ("assignments.csv", Array(report.assignmentsCSV(CSVDialect(rawValue: csvDialect) ?? .international).utf8)),
                ("assignments.xlsx", try AssignmentsWorkbook.bytes(report)), ("summary.json", Array(report.summaryJSON.utf8)),
            ]
            if let explanations { files.append(("explanations.csv", Array(ExplainReport.explanationsCSV(explanations).utf8))) }
            try OutputWriter.write(bytes: files, into: out, protecting: inputs)
            // not explained this time: an earlier run's explanations.csv
            // would be taken for this plan's
            let stale = (out as NSString).appendingPathComponent("explanations.csv")
            if explanations == nil, Paths.isRegularFile(stale) { try FileManager.default.removeItem(atPath: stale) }
        } catch {
            throw CLIError.failure(String(describing: error))
        }
    }
}
