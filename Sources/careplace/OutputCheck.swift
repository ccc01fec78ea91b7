import SafeWrite

/// Output problems found before any planning (SPEC §5: exit 2): an `--out`
/// that is a file or cannot be made, a name taken by a device, FIFO, socket,
/// folder or link, an input as output, one file named for two outputs.
enum OutputCheck {
    static func folders(_ sets: [(folder: String, names: [String])], protecting inputs: [String]) throws {
        let problems = sets.flatMap { OutputTarget.problems($0.names, in: $0.folder, protecting: inputs) }
        if !problems.isEmpty { throw CLIError.badInput(problems.joined(separator: "\n")) }
    }

    static func files(_ paths: [String?], protecting inputs: [String]) throws {
        let problems = OutputTarget.problems(files: paths.compactMap { $0 }, protecting: inputs)
        if !problems.isEmpty { throw CLIError.badInput(problems.joined(separator: "\n")) }
    }
}
