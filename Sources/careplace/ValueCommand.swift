import ArgumentParser
import Foundation
import GLPK
import LinearProgramming
import Placement
import PlacementIO
import PlacementModel
import SafeWrite

/// `careplace value`: where one more place helps most (SPEC §8).
struct ValueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "value",
        abstract: "The exact value of one place more, and one fewer, at every service: where one more place helps most.",
        discussion: """
            addOne is the change of the plan's optimal objective with one more place free on the planning date \
            (≤ 0), removeOne with one fewer (≥ 0; empty without a free place): equal to planning again with the \
            capacity one higher or lower, side rules and pins included. Writes capacity-value.csv and \
            capacity-value.json (best first) into --out.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Output folder.")
    var out = "careplace-value"

    @Option(help: "How many services to show, best first.")
    var top = 10

    @Option(help: "Also per care type and network (give: careType,network): the best service of each type in each network.")
    var per: String?

    @Option(help: "Add this many places one after another, each where it helps most after the ones before.")
    var greedy: Int?

    @Option(help: "Threads (default: all cores; the answers do not depend on it).")
    var jobs: Int?

    func validate() throws {
        if top < 0 { throw ValidationError("--top is \(top); expected 0 or more") }
        if let per, per.replacingOccurrences(of: " ", with: "") != "careType,network" {
            throw ValidationError("--per is \"\(per)\"; expected careType,network")
        }
        if let greedy, !(1...100).contains(greedy) { throw ValidationError("--greedy is \(greedy); expected 1 to 100 places") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs is \(jobs); expected 1 or more") }
    }

    var outputs: [String] {
        ["capacity-value.csv", "capacity-value.json"] + (per != nil ? ["capacity-value-per.csv"] : []) + (greedy != nil ? ["capacity-value-greedy.csv"] : [])
    }

    func run() throws {
        let (read, inputPaths) = try input.read()
        try OutputCheck.folders([(out, outputs)], protecting: inputPaths)
        let valuation = CapacityValuation(planner: Planner(solver: GLPKSolver()))
        let threads = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let progress = isatty(STDERR_FILENO) == 1 ? ProgressLine("value", unit: "services").report : nil
        let result: CapacityValuation.Result
        do {
            result = try valuation.values(landscape: read.landscape, cases: read.cases, jobs: threads, progress: progress)
            if progress != nil { FileHandle.standardError.write(Data("\n".utf8)) }
        } catch let error as InfeasiblePlanError {
            throw CLIError(message: error.description, exitCode: CLIError.infeasibleCode)
        } catch {
            throw CLIError.failure(String(describing: error))
        }
        let report = CapacityValueReport(result)
        var files = [("capacity-value.csv", report.csv), ("capacity-value.json", report.json)]
        if per != nil { files.append(("capacity-value-per.csv", report.perCSV)) }
        var greedyText = ""
        if let greedy {
            let (csv, text) = try greedyPlaces(greedy, read, valuation: valuation, threads: threads)
            files.append(("capacity-value-greedy.csv", csv))
            greedyText = text
        }
        do {
            try OutputWriter.write(files, into: out, protecting: inputPaths)
        } catch {
            throw CLIError.failure(String(describing: error))
        }
        print(report.text(top: top), terminator: "")
        if per != nil { print(perText(report), terminator: "") }
        print(greedyText, terminator: "")
        print("written: " + files.map { "\(out)/\($0.0)" }.joined(separator: ", "))
    }

    func perText(_ report: CapacityValueReport) -> String {
        let services = report.result.problem.landscape.services
        var out = "per care type and network, the best place for one more:\n"
        for (t, n, v) in report.perCareTypeAndNetwork.prefix(max(top, 1) * 2) {
            out += "  \(t) in \(n): \(services[v.service].id), addOne \(PlanReport.fixed(v.addOne.objectiveDelta, 2))\n"
        }
        return out
    }

    /// K places, each where it helps most after the ones before: the
    /// cumulative gain shows the returns diminish.
    func greedyPlaces(_ k: Int, _ read: PlacementInput, valuation: CapacityValuation, threads: Int) throws -> (String, String) {
        var landscape = read.landscape
        var lines = ["step,service,addOne,cumulative"]
        var text = "\(k) places one after another, each where it helps most then:\n"
        var total = 0.0
        for step in 1...k {
            let result = try valuation.values(landscape: landscape, cases: read.cases, addOnly: true, jobs: threads)
            guard let best = CapacityValueReport(result).ranked.first, best.addOne.objectiveDelta < -1e-9 else {
                text += "  \(step): no further place helps\n"
                break
            }
            total += best.addOne.objectiveDelta
            let id = landscape.services[best.service].id.rawValue
            landscape.services[best.service].capacity += 1
            lines.append("\(step),\(PlanReport.csvField(id)),\(PlanReport.fixed(best.addOne.objectiveDelta, 6)),\(PlanReport.fixed(total, 6))")
            text += "  \(step): \(id)  \(PlanReport.fixed(best.addOne.objectiveDelta, 2))  (in all \(PlanReport.fixed(total, 2)))\n"
        }
        return (lines.joined(separator: "\n") + "\n", text)
    }
}
