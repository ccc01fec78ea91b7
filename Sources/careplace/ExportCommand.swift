import ArgumentParser
import Foundation
import GLPK
import LinearProgramming
import Placement
import PlacementIO
import PlacementModel
import SafeWrite

/// `careplace export --landscape L --cases C --mps OUT`: the full placement
/// model, every column with a readable name, for other solvers; with
/// `--dimacs OUT` the min-cost flow network `solve` plans, for flow solvers.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the placement model as free MPS (and optionally CPLEX LP) with readable names.",
        discussion: """
            --dimacs writes the min-cost flow network that solve plans (cases without \
            sibling or conflict rules) in DIMACS's min-cost flow format, costs in \
            millionths of a km-equivalent, for flow solvers such as LEMON or OR-Tools.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "The MPS file to write.")
    var mps: String?

    @Option(help: "The CPLEX LP file to write.")
    var lp: String?

    @Option(help: "The min-cost flow network to write (DIMACS format).")
    var dimacs: String?

    func validate() throws {
        if mps == nil && lp == nil && dimacs == nil { throw ValidationError("give --mps FILE, --lp FILE or --dimacs FILE") }
    }

    func run() throws {
        let (placementInput, inputPaths) = try input.read()
        try OutputCheck.files([mps, lp, dimacs], protecting: inputPaths)
        let problem = PlacementProblem(landscape: placementInput.landscape, cases: placementInput.cases)
        if let dimacs { try writeNetwork(problem, to: dimacs, protecting: inputPaths) }
        guard mps != nil || lp != nil else { return }
        let model = PlacementFormulation(problem, names: true).model
        for (path, format) in [(mps, ModelFileFormat.freeMPS), (lp, .cplexLP)] {
            guard let path else { continue }
            do {
                try ModelFiles.write(model, to: path, format: format)
            } catch {
                throw CLIError.failure("cannot write \(path): \(error)")
            }
            print("written: \(path) (\(model.constraintCount) rows, \(model.variableCount) columns, \(model.nonzeroCount) nonzeros\(model.isMixedInteger ? ", integer" : ""))")
        }
    }

    /// The flow network as DIMACS; refused (exit 2) when the cases have
    /// sibling or conflict rules, which no flow network holds.
    private func writeNetwork(_ problem: PlacementProblem, to path: String, protecting inputs: [String]) throws {
        let network: (text: String, arcs: Int)?
        do {
            network = try FlowNetwork.dimacs(problem)
        } catch {
            throw CLIError.badInput(
                "--dimacs \(path): a cost of \(error.cost) km-equivalents does not fit DIMACS's integers in millionths; lower the weights or write the model with --mps")
        }
        guard let (text, arcs) = network else {
            throw CLIError.badInput(
                "--dimacs \(path): the cases have sibling or conflict rules, which a flow network cannot hold; write the model with --mps instead")
        }
        do {
            try OutputWriter.write(file: path, protecting: inputs) { temporary in
                try text.write(toFile: temporary, atomically: false, encoding: .utf8)
            }
        } catch {
            throw CLIError.failure("cannot write \(path): \(error)")
        }
        print("written: \(path) (min-cost flow, \(arcs) arcs, costs in millionths of a km-equivalent)")
    }
}
