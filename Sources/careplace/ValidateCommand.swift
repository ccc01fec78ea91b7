import ArgumentParser
import Foundation
import PlacementIO
import PlacementModel

/// `careplace validate [--landscape L --cases C]` (or `validate L C`): every
/// problem of both files, or OK with what the absent optional columns mean.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a landscape and a cases file and list every problem found (exit 2 when there are any).",
        discussion: "With no files it checks the bundled demo. `careplace validate L C` is short for --landscape L --cases C."
    )

    @OptionGroup var input: InputOptions

    @Argument(help: "The landscape and cases files, as a shortcut for --landscape and --cases.")
    var files: [String] = []

    func validate() throws {
        guard !files.isEmpty else { return }
        guard files.count == 2 else { throw ValidationError("found \(files.count) file(s); expected the landscape and the cases file (or --landscape and --cases)") }
        guard input.landscape == nil && input.cases == nil else {
            throw ValidationError("give the files either as L C or as --landscape L --cases C, not both")
        }
    }

    func run() throws {
        let (landscape, cases, given) = files.count == 2 ? (files[0], files[1], [:]) : input.sources()
        let read: PlacementInput
        do {
            read = try InputReader.read(landscape: landscape, cases: cases, given: given)
        } catch {
            print(error.description)
            throw ExitCode(CLIError.badInputCode)
        }
        for w in read.warnings { print("warning: \(w)") }
        for note in InputReader.absenceNotes(read.absentColumns) { print("note: \(note)") }
        let l = read.landscape
        print("OK: \(read.cases.count) cases; \(l.services.count) services and teams in \(l.facilities.count) facilities; \(l.regions.count) regions in \(l.networks.count) networks")
    }
}
