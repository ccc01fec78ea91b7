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
        let report: ModelFileRun.Report
        do {
            report = try ModelFileRun(
                file: file, format: lp ? .cplexLP : free ? .freeMPS : .fixedMPS,
                parameters: SolveParameters(timeLimit: timeLimit, relativeGap: gap, relaxIntegrality: relax),
                writeMPS: writeMPS, writeLP: writeLP
            ).run()
        } catch {
            switch error {
            case .badInput(let message): throw CLIError.badInput(message)
            case .failure(let message): throw CLIError.failure(message)
            }
        }
        if verbose { FileHandle.standardError.write(Data(report.log.utf8)) }
        print(json ? report.json : report.text)
        switch report.outcome {
        case .solution: break
        case .noSolution: throw ExitCode(CLIError.infeasibleCode)
        case .failure: throw ExitCode(1)
        }
    }
}
