import ArgumentParser
import GLPK
import LinearProgramming
import Placement
import PlacementIO
import PlacementModel

/// `careplace export --landscape L --cases C --mps OUT`: the full placement
/// model, every column with a readable name, for other solvers.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the placement model as free MPS (and optionally CPLEX LP) with readable names."
    )

    @OptionGroup var input: InputOptions

    @Option(help: "The MPS file to write.")
    var mps: String?

    @Option(help: "The CPLEX LP file to write.")
    var lp: String?

    func validate() throws {
        if mps == nil && lp == nil { throw ValidationError("give --mps FILE (and/or --lp FILE)") }
    }

    func run() throws {
        let (placementInput, inputPaths) = try input.read()
        try OutputCheck.files([mps, lp], protecting: inputPaths)
        let problem = PlacementProblem(landscape: placementInput.landscape, cases: placementInput.cases)
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
}
