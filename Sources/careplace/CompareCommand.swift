import ArgumentParser
import Foundation
import SafeWrite
import GLPK
import LinearProgramming
import Placement
import PlacementIO
import PlacementModel
import PlacementScenarios

/// `careplace compare BASELINE OTHER…`
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Plan scenarios and compare every KPI with the baseline (the first file).",
        discussion: "Prints the KPI table and, per scenario, where one more place helps most (--no-value leaves it out); --markdown, --csv, --json and --html also write the breakdowns per network and region."
    )

    @Argument(help: "The baseline scenario, then the scenarios to compare with it.")
    var files: [String]

    @OptionGroup var options: ScenarioOptions

    @Option(help: "Write the comparison as one self-contained HTML report.")
    var html: String?
    @Option(help: "Write the comparison as Markdown.")
    var markdown: String?
    @Option(help: "Write the comparison as CSV (long format: scope, area, metric, scenario, value, delta).")
    var csv: String?
    @Option(help: "Write the comparison as JSON.")
    var json: String?
    @Flag(name: .customLong("no-value"), help: "Leave out where one more place helps most (each scenario's services valued exactly: a few seconds per scenario).")
    var noValue = false
    @Option(help: "The language of the table, the Markdown and the HTML report: en (default) or nl. The CSV and JSON keep their keys.")
    var lang = Language.en.rawValue

    func validate() throws {
        if files.count < 2 { throw ValidationError("found \(files.count) scenario file(s); expected a baseline and at least one other") }
        if Language(rawValue: lang) == nil { throw ValidationError("--lang is \"\(lang)\"; expected en or nl") }
    }

    func run() throws {
        let scenarios = try options.resolve(files)
        let inputs = scenarios.flatMap { [$0.landscapePath, $0.casesPath] + $0.chain }
        try OutputCheck.files([markdown, csv, json, html], protecting: inputs)
        let plans = try options.plan(scenarios)
        var comparison = ScenarioComparison(zip(scenarios, plans).map { ScenarioOutcome(name: $0.name, description: $0.description, plan: $1) })
        comparison.language = Language(rawValue: lang) ?? .en
        if !noValue {
            do {
                // exact values: no time limit (a value under one would not be exact), the scenarios' --jobs
                try comparison.valueOnePlace(planner: Planner(solver: GLPKSolver()), jobs: options.jobs ?? ProcessInfo.processInfo.activeProcessorCount)
            } catch {
                throw CLIError.failure("where one more place helps most: \(error)")
            }
        }
        var written: [String] = []
        for (path, contents) in [(markdown, { comparison.markdown }), (csv, { comparison.csv }), (json, { comparison.json }), (html, { ComparisonHTML(comparison, provenance: provenance(scenarios, comparison.language.comparison)).document })] as [(String?, () -> String)] {
            guard let path else { continue }
            let dir = Paths.parent(path)
            do {
                try OutputWriter.write([((path as NSString).lastPathComponent, contents())], into: dir.isEmpty ? "." : dir, protecting: inputs)
            } catch {
                throw CLIError.failure(String(describing: error))
            }
            written.append(path)
        }
        print(comparison.text + comparison.onePlaceText, terminator: "")
        if !written.isEmpty { print("written: " + written.joined(separator: ", ")) }
    }

    /// What the report was made from: planning dates, the inputs' SHA-256,
    /// the version, and (unless --reproducible) when.
    func provenance(_ scenarios: [ResolvedScenario], _ words: any ComparisonCatalogue) -> [String] {
        let dates = Set(scenarios.map { $0.input.landscape.planningDate.description }).sorted()
        var lines = [words.plannedBy(dates: dates.joined(separator: ", "), version: Careplace.version, solver: GLPKSolver().name)]
        var seen = Set<String>()
        var files: [String] = []
        for path in scenarios.flatMap({ $0.chain + [$0.landscapePath, $0.casesPath] }) where seen.insert(path).inserted {
            let digest = FileManager.default.contents(atPath: path).map { SHA256.hex([UInt8]($0)) } ?? "unreadable"
            files.append("\((path as NSString).lastPathComponent) \(digest.prefix(16))")
        }
        lines.append(words.inputs(files.joined(separator: ", ")))
        if !options.reproducible {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime]
            lines.append(words.made(formatter.string(from: Date())))
        }
        return lines
    }
}
