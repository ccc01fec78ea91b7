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

    /// The two files, or the bundled demo's.
    func paths() throws -> (landscape: String, cases: String) {
        if let landscape, let cases { return (landscape, cases) }
        guard let demo = BundledDemo.directory else {
            throw CLIError.badInput("the bundled demo (Scenarios/nl-demo) was not found; run from the careplace folder or give --landscape and --cases")
        }
        return (demo + "/landscape.yaml", demo + "/cases.csv")
    }

    /// Reads and checks both files; bad input is exit 2 with every problem listed.
    func read() throws -> (PlacementInput, [String]) {
        let (l, c) = try paths()
        do {
            let input = try InputReader.read(landscape: l, cases: c)
            for w in input.warnings { FileHandle.standardError.write(Data("careplace: warning: \(w)\n".utf8)) }
            return (input, [l, c])
        } catch {
            throw CLIError.badInput(error.description)
        }
    }
}

enum BundledDemo {
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
