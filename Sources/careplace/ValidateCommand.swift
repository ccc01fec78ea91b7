import ArgumentParser
import Foundation
import PlacementIO
import PlacementModel

/// `careplace validate L C`: every problem of both files, or OK.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a landscape and a cases file and list every problem found (exit 2 when there are any)."
    )

    @Argument(help: "The landscape file (YAML or JSON).")
    var landscape: String

    @Argument(help: "The cases file (CSV, or YAML/JSON).")
    var cases: String

    func run() throws {
        let input: PlacementInput
        do {
            input = try InputReader.read(landscape: landscape, cases: cases)
        } catch {
            print(error.description)
            throw ExitCode(CLIError.badInputCode)
        }
        for w in input.warnings { print("warning: \(w)") }
        let l = input.landscape
        print("OK: \(input.cases.count) cases; \(l.services.count) services and teams in \(l.facilities.count) facilities; \(l.regions.count) regions in \(l.networks.count) networks")
    }
}
