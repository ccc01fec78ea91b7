import ArgumentParser
import Foundation
import SafeWrite
import GLPK
import Placement
import PlacementIO
import PlacementModel
import PlacementScenarios
import PlacementSimulation

/// `careplace simulate …`: the landscape over time (SPEC §7).
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Play scenarios forward: arrivals, stays and a plan every week, over replications with confidence intervals.",
        subcommands: [SimulateRunCommand.self, SimulateMergeCommand.self],
        defaultSubcommand: SimulateRunCommand.self
    )
}

/// `careplace simulate FILE…`
struct SimulateRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate each file (the default: `careplace simulate FILE…`).",
        discussion: """
            Writes summary.json and weekly.csv into --out/<simulation name>/ and prints each simulation's KPIs. \
            With --shard K/N only every N-th replication from the K-th on, each into \
            --out/<simulation name>/replications/; `careplace simulate merge` joins the shards.
            """
    )

    @Argument(help: "Simulation files (YAML, SPEC §7).")
    var files: [String]

    @Option(help: "Output folder; each simulation gets a folder of its own.")
    var out = "careplace-sim"

    @Option(help: "Replications (overrides the files' replications).")
    var replications: Int?

    @Option(help: "Replications run at the same time (default: the number of cores). Results do not depend on it.")
    var jobs: Int?

    @Option(help: ArgumentHelp("Run shard K of N (1-based): replications K, K+N, K+2N…", valueName: "K/N"))
    var shard: String?

    @Flag(help: "Also compare the simulations with the first (the baseline): comparison.json, .md and .html in --out.")
    var compare = false

    @Option(help: "Add replications until the 95% interval of waitDaysMean is within this share of its mean (e.g. 0.05).")
    var precision: Double?

    @Option(name: .customLong("max-replications"), help: "With --precision: at most this many replications.")
    var maxReplications = 1_000

    /// `--shard K/N` as numbers.
    var shardNumbers: (k: Int, n: Int)? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/").map { Int($0) }
        guard parts.count == 2, let k = parts[0], let n = parts[1], n >= 1, (1...n).contains(k) else { return nil }
        return (k, n)
    }

    func validate() throws {
        if files.isEmpty { throw ValidationError("no simulation file given; expected at least one") }
        if let r = replications, !(1...10_000).contains(r) { throw ValidationError("--replications is \(r); expected 1 to 10000") }
        if let j = jobs, j < 1 { throw ValidationError("--jobs is \(j); expected at least 1") }
        if let shard, shardNumbers == nil { throw ValidationError("--shard is \(shard); expected K/N with 1 <= K <= N") }
        if compare && files.count < 2 { throw ValidationError("--compare needs at least two simulation files; found \(files.count)") }
        if compare && shard != nil { throw ValidationError("--compare and --shard exclude each other; compare after `careplace simulate merge`") }
        if let p = precision, !(p > 0 && p < 1) { throw ValidationError("--precision is \(p); expected a share between 0 and 1, e.g. 0.05") }
        if precision != nil && shard != nil { throw ValidationError("--precision and --shard exclude each other: the number of replications is decided in order") }
        if !(1...10_000).contains(maxReplications) { throw ValidationError("--max-replications is \(maxReplications); expected 1 to 10000") }
    }

    func run() throws {
        var simulations: [Simulation] = []
        var problems: [String] = []
        for file in files {
            do {
                var s = try SimulationReader.read(file)
                if let replications { s.replications = replications }
                simulations.append(s)
            } catch {
                problems.append(error.description)
            }
        }
        problems += RunFolder.problems(simulations.map { ($0.file, $0.name) }, kind: "simulation")
        // paired differences need the same children in replication r of each
        if compare, Set(simulations.map(\.seed)).count > 1 {
            let seeds = simulations.map { "\($0.file): \($0.seed)" }.joined(separator: ", ")
            problems.append("--compare: the seeds differ (\(seeds)); expected one seed, so that replication r of each simulation sees the same children")
        }
        if !problems.isEmpty { throw CLIError.badInput(problems.joined(separator: "\n")) }
        var said = Set<String>()
        for warning in simulations.flatMap(\.input.warnings) where said.insert(warning.description).inserted {
            FileHandle.standardError.write(Data("careplace: warning: \(warning)\n".utf8))
        }
        try checkOutputs(simulations)
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        var summaries: [SimulationSummary] = []
        for simulation in simulations {
            let indices = shardNumbers.map { Shards.indices(shard: $0.k, of: $0.n, total: simulation.replications) }
            var simulation = simulation
            let results = try run(&simulation, jobs: jobs, indices: indices)
            let folder = (out as NSString).appendingPathComponent(RunFolder.name(of: simulation.name) ?? "simulation")
            let protected = [simulation.file] + simulation.inputFiles
            if let indices {
                let info = SimulationInfo(simulation)
                let files = zip(indices, results).map { Shards.file(info, replication: $0, $1) }
                try write(files, into: (folder as NSString).appendingPathComponent("replications"), protecting: protected)
                print("\(simulation.name): replications \(indices.map { String($0 + 1) }.joined(separator: ", ")) written to \(folder)/replications")
                continue
            }
            let summary = SimulationSummary(simulation, results: results)
            try writeSummary(summary, under: out, protecting: protected)
            if summary.plansAtTimeLimit > 0 {
                FileHandle.standardError.write(Data("careplace: \(simulation.name): \(summary.plansAtTimeLimit) plans stopped at planTimeLimitSeconds; their plans depend on the machine's speed, so runs may differ\n".utf8))
            }
            summaries.append(summary)
        }
        if compare { try writeComparison(summaries, into: out, protecting: simulations.flatMap { [$0.file] + $0.inputFiles }) }
    }
}

extension SimulateRunCommand {
    /// Each simulation's folder (its replications/ when sharded) and the
    /// comparison's files, before anything is simulated.
    func checkOutputs(_ simulations: [Simulation]) throws {
        let folders = simulations.map { (out as NSString).appendingPathComponent(RunFolder.name(of: $0.name) ?? "simulation") }
        var sets = shardNumbers == nil
            ? folders.map { ($0, ["summary.json", "weekly.csv"]) }
            : folders.map { (($0 as NSString).appendingPathComponent("replications"), [String]()) }
        if compare { sets.append((out, ["comparison.json", "comparison.md", "comparison.html"])) }
        try OutputCheck.folders(sets, protecting: simulations.flatMap { [$0.file] + $0.inputFiles })
    }

    /// The replications (to --precision when asked; the simulation then
    /// has as many as were needed), with progress on stderr when it is a terminal.
    func run(_ simulation: inout Simulation, jobs: Int, indices: [Int]?) throws -> [ReplicationResult] {
        let planner = Planner(solver: GLPKSolver())
        let progress = isatty(STDERR_FILENO) == 1 ? ProgressLine(simulation.name).report : nil
        let endLine = { if progress != nil { FileHandle.standardError.write(Data("\n".utf8)) } }
        do {
            guard let precision else {
                defer { endLine() }
                return try SimulationRunner.run(simulation, planner: planner, jobs: jobs, replications: indices, progress: progress)
            }
            let cap = max(maxReplications, simulation.replications)
            let (results, met) = try SimulationRunner.runToPrecision(
                simulation, planner: planner, jobs: jobs, precision: precision, cap: cap, progress: progress)
            endLine()
            simulation.replications = results.count
            let outcome = met ? "met after \(results.count) replications" : "not met after \(results.count) replications (--max-replications)"
            FileHandle.standardError.write(Data("\(simulation.name): precision \(precision) of the mean wait \(outcome)\n".utf8))
            return results
        } catch let error as InfeasiblePlanError {
            throw CLIError(message: "simulation \(simulation.name): \(error.description)", exitCode: CLIError.infeasibleCode)
        } catch {
            throw CLIError.failure("simulation \(simulation.name): \(error)")
        }
    }
}

/// summary.json and weekly.csv into out/<simulation name>/, and the KPI table on stdout.
func writeSummary(_ summary: SimulationSummary, under out: String, protecting inputs: [String]) throws {
    let folder = (out as NSString).appendingPathComponent(RunFolder.name(of: summary.simulation.name) ?? "simulation")
    try write([("summary.json", summary.json), ("weekly.csv", summary.weeklyCSV)], into: folder, protecting: inputs)
    print(summary.text, terminator: "")
    print("written: \(folder)/summary.json, weekly.csv")
}

/// comparison.json, .md and .html of simulations, the first the baseline.
func writeComparison(_ summaries: [SimulationSummary], into out: String, protecting inputs: [String]) throws {
    let comparison = SimulationComparison(summaries)
    try write(
        [("comparison.json", comparison.json), ("comparison.md", comparison.markdown),
         ("comparison.html", SimulationComparisonHTML(comparison).document)],
        into: out, protecting: inputs)
    print("written: \(out)/comparison.json, comparison.md, comparison.html")
}

func write(_ files: [(name: String, contents: String)], into folder: String, protecting inputs: [String]) throws {
    do {
        try OutputWriter.write(files, into: folder, protecting: inputs)
    } catch {
        throw CLIError.failure(String(describing: error))
    }
}
