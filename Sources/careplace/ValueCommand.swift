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

    @Option(help: "Add this many places one after another, each where it helps most after the ones before; with --new-team or --new-service, open this many sites so (new-site-greedy.csv).")
    var greedy: Int?

    @Option(name: .customLong("new-team"), help: "Where to base a new team: careTypes=A,B,caseload=N,maxTravelKm=K; ranks every candidate base (new-site-value.csv).")
    var newTeam: String?

    @Option(name: .customLong("new-service"), help: "Where to open a new facility service: careTypes=A,mode=residential|day,capacity=N[,secure=true].")
    var newService: String?

    @Option(name: .customLong("candidates"), help: "Candidate bases for --new-team/--new-service (CSV: id, lat, lon, region). Default: the 342 Dutch municipalities.")
    var candidatesFile: String?

    @Option(help: "With --new-team or --new-service: also write the candidates as GeoJSON points with their gain (QGIS, geojson.io).")
    var geojson: String?

    @Option(help: "Threads (default: all cores; the answers do not depend on it).")
    var jobs: Int?

    func validate() throws {
        // every problem at once, one per line
        var problems: [String] = []
        if top < 0 { problems.append("--top is \(top); expected 0 or more") }
        if let per, per.replacingOccurrences(of: " ", with: "") != "careType,network" {
            problems.append("--per is \"\(per)\"; expected careType,network")
        }
        if let greedy, !(1...100).contains(greedy) { problems.append("--greedy is \(greedy); expected 1 to 100 places") }
        if let jobs, jobs < 1 { problems.append("--jobs is \(jobs); expected 1 or more") }
        if newTeam != nil && newService != nil { problems.append("give --new-team or --new-service, not both") }
        let siteless = newTeam == nil && newService == nil
        if candidatesFile != nil && siteless { problems.append("--candidates needs --new-team or --new-service") }
        if geojson != nil && siteless { problems.append("--geojson needs --new-team or --new-service") }
        if per != nil && !siteless { problems.append("--per is for one more place at the services, not with --new-team or --new-service") }
        for (text, team) in [(newTeam, true), (newService, false)] {
            guard let text else { continue }
            do { _ = try Self.parseSite(text, team: team) } catch { problems.append(String(describing: error)) }
        }
        if !problems.isEmpty { throw ValidationError(problems.joined(separator: "\n")) }
    }

    var outputs: [String] {
        guard site == nil else { return ["new-site-value.csv"] + (greedy != nil ? ["new-site-greedy.csv"] : []) }
        return ["capacity-value.csv", "capacity-value.json"] + (per != nil ? ["capacity-value-per.csv"] : [])
            + (greedy != nil ? ["capacity-value-greedy.csv"] : [])
    }

    func run() throws {
        let (read, inputPaths) = try input.read()
        try OutputCheck.folders([(out, outputs)], protecting: inputPaths)
        if let geojson { try OutputCheck.files([geojson] + outputs.map { (out as NSString).appendingPathComponent($0) }, protecting: inputPaths) }
        let valuation = CapacityValuation(planner: Planner(solver: GLPKSolver()))
        let threads = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        if let site {
            try runSites(read, site: site, threads: threads, protecting: inputPaths)
            return
        }
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
        try writeFiles(files, protecting: inputPaths)
        print(report.text(top: top), terminator: "")
        if per != nil { print(perText(report), terminator: "") }
        print(greedyText, terminator: "")
        print("written: " + files.map { "\(out)/\($0.0)" }.joined(separator: ", "))
    }

    /// The site asked for, nil for the value of one more place.
    var site: SiteValuation.Site? {
        if let newTeam { return try? Self.parseSite(newTeam, team: true) }
        if let newService { return try? Self.parseSite(newService, team: false) }
        return nil
    }

    func writeFiles(_ files: [(name: String, contents: String)], protecting inputs: [String]) throws {
        do {
            try OutputWriter.write(files, into: out, protecting: inputs)
        } catch {
            throw CLIError.failure(String(describing: error))
        }
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
