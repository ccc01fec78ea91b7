import ArgumentParser
import Foundation
import GLPK
import Placement
import PlacementIO
import PlacementModel

/// `careplace explain CASE`: why not closer, why not sooner (SPEC §9).
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Why this child goes where it goes: every service offering its care that is closer or sooner, with the rule that excludes it or the exact extra cost of giving it that service.",
        discussion: "The extra cost equals pinning the child there and planning again; the moves are who would then go where."
    )

    @Argument(help: "The case id.")
    var child: String

    @OptionGroup var input: InputOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(help: "The language of the text: en (default) or nl. The JSON keeps its keys and rules in English.")
    var lang = Language.en.rawValue

    func validate() throws {
        if Language(rawValue: lang) == nil { throw ValidationError("--lang is \"\(lang)\"; expected en or nl") }
    }

    func run() throws {
        let (read, _) = try input.read()
        let result: AlternativesExplainer.Result
        do {
            result = try AlternativesExplainer(planner: Planner(solver: GLPKSolver())).explain(
                CaseID(child), landscape: read.landscape, cases: read.cases, jobs: ProcessInfo.processInfo.activeProcessorCount)
        } catch let error as AlternativesExplainer.UnknownCase {
            throw CLIError.badInput(error.description)
        } catch let error as InfeasiblePlanError {
            throw CLIError(message: error.description, exitCode: CLIError.infeasibleCode)
        } catch {
            throw CLIError.failure(String(describing: error))
        }
        var report = ExplainReport(result)
        report.language = Language(rawValue: lang) ?? .en
        print(json ? report.json : report.text, terminator: "")
    }
}
