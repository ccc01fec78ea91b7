import ArgumentParser
import Foundation
import GLPK

@main
struct Careplace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "careplace",
        abstract: "Places children with complex needs in scarce specialist youth care, and compares care-landscape scenarios.",
        discussion: """
            Exit codes: 0 success; 2 bad input (the message names the file and what is wrong); \
            3 infeasible or unbounded; 1 anything else.
            """,
        version: "careplace \(Careplace.version) (\(GLPKSolver().name))",
        subcommands: [
            SolveCommand.self, ValidateCommand.self, ScenarioCommand.self, CompareCommand.self, SimulateCommand.self, ExportCommand.self,
            MPSCommand.self, GenerateCommand.self, DemoCommand.self, CompletionsCommand.self, ValueCommand.self, ExplainCommand.self,
        ]
    )

    /// Semantic version of the command line and its file formats (SPEC).
    static let version = "0.9.0"

    /// Runs the command line with SPEC's exit codes: usage and validation
    /// errors are bad input (2), not argument-parser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("careplace: \(error.message)\n".utf8))
            Foundation.exit(error.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(CLIError.badInputCode)
            }
            exit(withError: error)
        }
    }
}

/// An error the CLI reports in one line with its exit code.
struct CLIError: Error {
    static let badInputCode: Int32 = 2
    static let infeasibleCode: Int32 = 3
    let message: String
    let exitCode: Int32

    static func badInput(_ message: String) -> CLIError { CLIError(message: message, exitCode: badInputCode) }
    static func failure(_ message: String) -> CLIError { CLIError(message: message, exitCode: 1) }
}
