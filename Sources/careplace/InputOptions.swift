import ArgumentParser
import Foundation
import PlacementIO
import PlacementModel

/// `--landscape L --cases C`, shared by the planning subcommands.
struct InputOptions: ParsableArguments {
    @Option(help: "The landscape file (YAML or JSON). Default: the bundled demo.")
    var landscape: String?

    @Option(help: "The cases file (CSV with , or ;, or YAML/JSON). Default: the bundled demo.")
    var cases: String?

    func validate() throws {
        if (landscape == nil) != (cases == nil) {
            throw ValidationError("give both --landscape and --cases, or neither (to plan the bundled demo)")
        }
    }

    /// The two files: those given, the demo folder Scenarios/nl-demo, or
    /// the demo inside the executable (then their contents are given too).
    func sources() -> (landscape: String, cases: String, given: [String: [UInt8]]) {
        if let landscape, let cases { return (landscape, cases, [:]) }
        if let demo = BundledDemo.directory { return (demo + "/landscape.yaml", demo + "/cases.csv", [:]) }
        return BundledDemo.embedded
    }

    /// Reads and checks both files; bad input is exit 2 with every problem listed.
    func read() throws -> (PlacementInput, [String]) {
        let (l, c, given) = sources()
        do {
            let input = try InputReader.read(landscape: l, cases: c, given: given)
            for w in input.warnings { FileHandle.standardError.write(Data("careplace: warning: \(w)\n".utf8)) }
            return (input, given.isEmpty ? [l, c] : [])
        } catch {
            throw CLIError.badInput(error.description)
        }
    }
}

enum BundledDemo {
    /// `generate --cases 600 --seed 2026 --siblings --conflicts --pins`.
    static let arguments = ["--cases", "600", "--seed", "2026", "--siblings", "--conflicts", "--pins"]

    /// The demo's files as `generate` writes them: byte-identical to
    /// Scenarios/nl-demo (tested), so the demo travels with the executable.
    static var files: [(name: String, contents: String)] {
        // "/" exists as a folder, and --force skips the check for files there: nothing is written
        (try? GenerateCommand.parse(arguments + ["--out", "/", "--force"]))?.generated().files ?? []
    }

    /// The demo from inside the executable, under names that say so.
    static var embedded: (landscape: String, cases: String, given: [String: [UInt8]]) {
        var given: [String: [UInt8]] = [:]
        for file in files { given["bundled-demo/\(file.name)"] = Array(file.contents.utf8) }
        return ("bundled-demo/landscape.yaml", "bundled-demo/cases.csv", given)
    }

    /// `Scenarios/nl-demo` in the working folder, or beside the executable
    /// (or one of its parent folders, for `swift run` and built binaries).
    static var directory: String? {
        let fm = FileManager.default
        var candidates = [URL(fileURLWithPath: fm.currentDirectoryPath)]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir)
            dir = dir.deletingLastPathComponent()
        }
        for base in candidates {
            let path = base.appendingPathComponent("Scenarios/nl-demo").path
            if fm.fileExists(atPath: path + "/landscape.yaml") { return path }
        }
        return nil
    }
}
