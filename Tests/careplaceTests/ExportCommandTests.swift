import Foundation
import GLPK
import LinearProgramming
import Testing

/// `careplace export --dimacs`: the min-cost flow network `solve` plans, for
/// other flow solvers (the OR-Tools peer script reads it). Its optimum must
/// be the plan's objective, or a peer would be timed on another problem.
@Suite("careplace export --dimacs (the flow network for other solvers)")
struct ExportCommandTests {
    /// The network's min-cost flow as an LP (a flow LP's optimum is the
    /// flow's), solved by GLPK: independent of careplace's own flow code.
    static func optimum(ofDIMACS text: String) throws -> Double {
        var model = LinearModel()
        var rows: [Int: Constraint] = [:]
        var supply: [Int: Double] = [:]
        var arcs: [(Int, Int, Double, Double)] = []
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ")
            if f.first == "n", f.count == 3 { supply[Int(f[1]) ?? 0] = Double(f[2]) ?? .nan }
            if f.first == "a", f.count == 6 {
                arcs.append((Int(f[1]) ?? 0, Int(f[2]) ?? 0, Double(f[4]) ?? .nan, Double(f[5]) ?? .nan))
            }
        }
        func row(_ node: Int) -> Constraint {
            if let r = rows[node] { return r }
            let s = supply[node] ?? 0
            let r = model.addConstraint(lower: s, upper: s)  // out − in = supply
            rows[node] = r
            return r
        }
        for (from, to, capacity, cost) in arcs {
            model.addVariable(upper: capacity, objective: cost, coefficients: [(row(from), 1.0), (row(to), -1.0)])
        }
        for node in supply.keys { _ = row(node) }
        let result = try GLPKSolver().solve(model)
        try #require(result.termination == .optimal)
        return try #require(result.objective)
    }

    @Test("the network's optimum, in millionths, is solve's objective; nodes and arcs as the header says")
    func networkOptimumIsThePlan() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("in").path
        #expect(try CLI.run(["generate", "--cases", "80", "--seed", "4", "--out", data]).exitCode == 0)
        let files = ["--landscape", data + "/landscape.yaml", "--cases", data + "/cases.csv"]
        let network = dir.appendingPathComponent("network.dimacs").path
        let export = try CLI.run(["export"] + files + ["--dimacs", network])
        #expect(export.exitCode == 0, "\(export.stderr)")
        #expect(export.stdout.contains("written: \(network) (min-cost flow,"))
        let text = try String(contentsOfFile: network, encoding: .utf8)
        let lines = text.split(separator: "\n")
        let problemLine = try #require(lines.first { $0.hasPrefix("p min ") }).split(separator: " ")
        #expect(Int(problemLine[3]) == lines.count { $0.hasPrefix("a ") })
        // every case supplies one, the sink takes them all
        #expect(lines.count { $0.hasPrefix("n ") && $0.hasSuffix(" 1") } == 80)
        #expect(lines.contains { $0.hasPrefix("n ") && $0.hasSuffix(" -80") })

        let out = dir.appendingPathComponent("out").path
        #expect(try CLI.run(["solve"] + files + ["--out", out, "--quiet", "--no-explanations"]).exitCode == 0)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any]
        let objective = try #require(summary?["objective"] as? Double)
        let optimum = try Self.optimum(ofDIMACS: text) / 1_000_000
        // each arc's cost rounded to a millionth: a path of a few arcs per case
        #expect(abs(optimum - objective) < 1e-5 * 80, "network \(optimum), plan \(objective)")
    }

    @Test("sibling or conflict rules are not a flow: exit 2, a message naming --mps, nothing written")
    func sideRulesRefused() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let network = dir.appendingPathComponent("network.dimacs").path
        // the bundled demo has siblings and conflicts
        let run = try CLI.run(["export", "--dimacs", network])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("--dimacs") && run.stderr.contains("--mps"))
        #expect(!FileManager.default.fileExists(atPath: network))
    }

    @Test("a cost whose millionths overflow 64-bit integers: exit 2 naming the cost, no trap, nothing written")
    func costTooLarge() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // a pinned child keeps its arc whatever it costs: 10^13 km at 1 a km
        // (a one-child assignment instance, its distance and pin rewritten)
        let assignment = dir.appendingPathComponent("one.txt")
        try "1\n5\n".write(to: assignment, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["generate", "--orlib-assign", assignment.path, "--out", dir.path, "--force"]).exitCode == 0)
        try "from,to,km\nC1,F1,10000000000000\n".write(to: dir.appendingPathComponent("travel-km.csv"), atomically: true, encoding: .utf8)
        try "id,lat,lon,region,age,needs,pinnedService\nC1,52.0,5.0,everywhere,12,day,S1\n"
            .write(to: dir.appendingPathComponent("cases.csv"), atomically: true, encoding: .utf8)
        let network = dir.appendingPathComponent("network.dimacs").path
        let run = try CLI.run(["export", "--landscape", dir.appendingPathComponent("landscape.yaml").path,
                               "--cases", dir.appendingPathComponent("cases.csv").path, "--dimacs", network])
        #expect(run.exitCode == 2, "\(run.stderr)")
        #expect(run.stderr.contains("--dimacs") && run.stderr.contains("does not fit"))
        #expect(!FileManager.default.fileExists(atPath: network))
    }
}

