import ArgumentParser

/// `careplace scenario …`: policy what-ifs (SPEC §6).
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Plan policy what-if scenarios of the care landscape.",
        subcommands: [ScenarioRunCommand.self]
    )
}
