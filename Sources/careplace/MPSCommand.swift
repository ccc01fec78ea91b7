import ArgumentParser
import Foundation
import GLPK
import LinearProgramming

/// `careplace mps FILE`: solves any MPS (or CPLEX LP) model with GLPK. A
/// debugging aid and a bridge to other solvers.
struct MPSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mps",
        abstract: "Solve an MPS model with GLPK and print status, objective, bound and time.",
        discussion: """
            Reads fixed MPS by default (--free for free MPS, --lp for CPLEX LP); \
            files ending in .gz are read compressed. Exit code 0 when a solution was \
            found (optimal, or feasible at a limit), 3 when the model is infeasible or \
            unbounded, 2 when the file cannot be read, 1 otherwise.
            """
    )

    @Argument(help: "The model file.")
    var file: String

    @Flag(help: "Read free MPS instead of fixed MPS.")
    var free = false

    @Flag(help: "Read CPLEX LP format.")
    var lp = false

    @Option(name: .customLong("time-limit"), help: "Stop after this many seconds and report the best point found.")
    var timeLimit: Double?

    @Option(help: "Stop a MIP once the relative gap is at most this (e.g. 0.01).")
    var gap: Double?

    @Flag(help: "Solve the LP relaxation, ignoring integrality.")
    var relax = false

    @Option(name: .customLong("write-mps"), help: "Also write the model as free MPS to this file.")
    var writeMPS: String?

    @Option(name: .customLong("write-lp"), help: "Also write the model as CPLEX LP to this file.")
    var writeLP: String?

    @Flag(help: "Print one JSON object on stdout and nothing else.")
    var json = false

    @Flag(help: "Copy GLPK's own output to stderr.")
    var verbose = false

    func validate() throws {
        if free && lp { throw ValidationError("--free and --lp exclude each other") }
        if let t = timeLimit, !(t > 0 && t.isFinite) {
            throw ValidationError("--time-limit is \(t); expected a positive number of seconds")
        }
        if let g = gap, !(g >= 0 && g.isFinite) {
            throw ValidationError("--gap is \(g); expected a number >= 0")
        }
    }

    func run() throws {
        let report = try MPSRun(
            file: file, format: lp ? .cplexLP : free ? .freeMPS : .fixedMPS,
            parameters: SolveParameters(timeLimit: timeLimit, relativeGap: gap, relaxIntegrality: relax),
            writeMPS: writeMPS, writeLP: writeLP
        ).run()
        if verbose { FileHandle.standardError.write(Data(report.log.utf8)) }
        print(json ? report.json : report.text)
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}

/// The work of `careplace mps`, separate from argument parsing.
struct MPSRun {
    let file: String
    let format: ModelFileFormat
    let parameters: SolveParameters
    var writeMPS: String?
    var writeLP: String?

    struct Report: Encodable {
        var file: String
        var status: String
        var objective: Double?
        var bound: Double?
        var gap: Double?
        var seconds: Double
        var iterations: Int
        var nodes: Int
        var rows: Int
        var columns: Int
        var nonzeros: Int
        var integers: Int
        var solver: String
        var log = ""

        enum CodingKeys: String, CodingKey {
            case file, status, objective, bound, gap, seconds, iterations, nodes, rows, columns, nonzeros, integers, solver
        }

        var exitCode: Int32 {
            switch status {
            case "optimal", "feasible": return 0
            case "infeasible", "unbounded", "infeasible-or-unbounded": return CLIError.infeasibleCode
            default: return 1
            }
        }

        var json: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            guard let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8) else {
                return "{\"status\":\"error\"}"
            }
            return text
        }

        var text: String {
            func number(_ x: Double?) -> String {
                guard let x else { return "-" }
                // whole numbers without ".0"; others in full (shortest round-trip) precision
                return x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
            }
            let rowsOut: [(String, String)] = [
                ("model", "\(file) (\(rows) rows, \(columns) columns, \(nonzeros) nonzeros, \(integers) integer)"),
                ("status", status),
                ("objective", number(objective)),
                ("bound", number(bound)),
                ("gap", gap.map { String(format: "%.6g", $0) } ?? "-"),
                ("time", String(format: "%.3f s (%d iterations, %d nodes)", seconds, iterations, nodes)),
                ("solver", solver),
            ]
            return rowsOut.map { $0.0.padding(toLength: 10, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n")
        }
    }

    func run() throws -> Report {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw CLIError.badInput("\(file): no such file")
        }
        guard !isDirectory.boolValue else { throw CLIError.badInput("\(file): is a directory; expected a model file") }
        let model: LinearModel
        do {
            model = try ModelFiles.read(file, format: format)
        } catch let error as ModelFileError {
            throw CLIError.badInput(error.description)
        }
        for (path, format) in [(writeMPS, ModelFileFormat.freeMPS), (writeLP, .cplexLP)] {
            guard let path else { continue }
            do {
                try ModelFiles.write(model, to: path, format: format)
            } catch {
                throw CLIError.failure("cannot write \(path): \(error)")
            }
        }
        let solver = GLPKSolver()
        let result: SolveResult
        do {
            result = try solver.solve(model, parameters: parameters)
        } catch let error as SolverError {
            if case .invalidModel = error { throw CLIError.badInput("\(file): \(error)") }
            throw CLIError.failure("\(file): \(error)")
        }
        return Report(
            file: file, status: result.statusName, objective: result.objective,
            bound: result.bestBound, gap: result.relativeGap, seconds: result.seconds,
            iterations: result.iterations, nodes: result.nodes, rows: model.constraintCount,
            columns: model.variableCount, nonzeros: model.nonzeroCount,
            integers: parameters.relaxIntegrality ? 0 : model.integerCount, solver: solver.name,
            log: result.log)
    }
}
