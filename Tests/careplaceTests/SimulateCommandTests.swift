import Foundation
import Testing

/// `careplace simulate` end to end, as a user runs it.
@Suite("careplace simulate")
struct SimulateCommandTests {
    static func file(in dir: URL, name: String = "two-weeks", extra: String = "") throws -> String {
        let demo = CLI.packageRoot.appendingPathComponent("Scenarios/nl-demo")
        let text = """
            version: 1
            name: \(name)
            landscape: \(demo.appendingPathComponent("landscape.yaml").path)
            cases: \(demo.appendingPathComponent("cases.csv").path)
            weeks: 2
            replications: 2
            arrivals: { perWeek: 20 }
            stays:
              default: { meanDays: 100, cv: 0.5 }
            \(extra)
            """
        let path = dir.appendingPathComponent("\(name).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("writes summary.json and weekly.csv; two shards merged are the same bytes")
    func shardsAndMerge() throws {
        let dir = try CLI.temporaryDirectory()
        let sim = try Self.file(in: dir)
        let whole = try CLI.run(["simulate", sim, "--out", dir.appendingPathComponent("whole").path])
        #expect(whole.exitCode == 0, "\(whole.stderr)")
        #expect(whole.stdout.contains("waitDaysMean"))
        for k in 1...2 {
            let shard = try CLI.run(["simulate", sim, "--shard", "\(k)/2", "--out", dir.appendingPathComponent("shard\(k)").path])
            #expect(shard.exitCode == 0, "\(shard.stderr)")
        }
        let merged = try CLI.run([
            "simulate", "merge", dir.appendingPathComponent("shard1").path, dir.appendingPathComponent("shard2").path,
            "--out", dir.appendingPathComponent("merged").path,
        ])
        #expect(merged.exitCode == 0, "\(merged.stderr)")
        // a second simulation merged with it, compared against it
        let other = try Self.file(in: dir, name: "fewer-arrivals", extra: "")
        try String(contentsOfFile: other, encoding: .utf8).replacingOccurrences(of: "perWeek: 20", with: "perWeek: 10")
            .write(toFile: other, atomically: true, encoding: .utf8)
        let third = try CLI.run(["simulate", other, "--shard", "1/1", "--out", dir.appendingPathComponent("shard3").path])
        #expect(third.exitCode == 0, "\(third.stderr)")
        let compared = try CLI.run([
            "simulate", "merge", dir.appendingPathComponent("shard1").path, dir.appendingPathComponent("shard2").path,
            dir.appendingPathComponent("shard3").path, "--baseline", "two-weeks", "--out", dir.appendingPathComponent("compared").path,
        ])
        #expect(compared.exitCode == 0, "\(compared.stderr)")
        let markdown = try String(contentsOf: dir.appendingPathComponent("compared/comparison.md"), encoding: .utf8)
        #expect(markdown.contains("Baseline: two-weeks") && markdown.contains("fewer-arrivals − baseline"))
        for name in ["summary.json", "weekly.csv"] {
            let a = try Data(contentsOf: dir.appendingPathComponent("whole/two-weeks/\(name)"))
            let b = try Data(contentsOf: dir.appendingPathComponent("merged/two-weeks/\(name)"))
            #expect(a == b, "\(name)")
        }
    }

    @Test("a bad file: exit 2, naming the file, the key and what was expected; a missing shard: exit 2")
    func badInput() throws {
        let dir = try CLI.temporaryDirectory()
        let sim = try Self.file(in: dir, extra: "replanEveryDays: 40")
        let run = try CLI.run(["simulate", sim, "--out", dir.appendingPathComponent("out").path])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("two-weeks.yaml") && run.stderr.contains("replanEveryDays") && run.stderr.contains("1..28"))
        let merge = try CLI.run(["simulate", "merge", dir.path, "--out", dir.appendingPathComponent("m").path])
        #expect(merge.exitCode == 2 && merge.stderr.contains("no replication files"))
        let one = try CLI.run(["simulate", sim, "--compare"])
        #expect(one.exitCode == 2 && one.stderr.contains("--compare needs at least two"))
    }
}
