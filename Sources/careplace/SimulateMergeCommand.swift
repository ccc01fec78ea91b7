import ArgumentParser
import Foundation
import PlacementSimulation

/// `careplace simulate merge DIR… --out DIR`
struct SimulateMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the replications of shard runs into summary.json and weekly.csv, as one run would have written them."
    )

    @Argument(help: "The --out folders of the shard runs.")
    var dirs: [String]

    @Option(help: "Output folder; each simulation gets a folder of its own.")
    var out = "careplace-sim"

    @Option(help: "With several simulations: compare the others with this one (comparison.json, .md and .html in --out).")
    var baseline: String?

    func validate() throws {
        if dirs.isEmpty { throw ValidationError("no folder given; expected the --out folders of shard runs") }
    }

    func run() throws {
        let summaries: [SimulationSummary]
        do {
            summaries = try Shards.merge(dirs)
        } catch {
            throw CLIError.badInput(error.description)
        }
        let ordered: [SimulationSummary]?
        do {
            ordered = try baseline.map { name throws(SimulationError) in try SimulationComparison.ordered(summaries, baseline: name) }
        } catch {
            throw CLIError.badInput(error.description)
        }
        for summary in summaries { try writeSummary(summary, under: out, protecting: []) }
        if let ordered { try writeComparison(ordered, into: out, protecting: []) }
    }
}
