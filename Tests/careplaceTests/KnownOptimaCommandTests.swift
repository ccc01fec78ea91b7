import Foundation
import Testing

/// OR-Library's assignment problems (Beasley; `Benchmarks/data/orlib`),
/// written as careplace files by `generate --orlib-assign`: the plan of each
/// must reach the published optimum, read through a 10,000 to 90,000-entry
/// distance matrix.
@Suite("Known optima: OR-Library assignment problems")
struct KnownOptimaCommandTests {
    @Test("assign100, assign200 and assign300: every child placed at the published optimum (305, 475, 626)", arguments: [
        (100, 305), (200, 475), (300, 626),
    ])
    func assignment(n: Int, optimum: Int) throws {
        let dir = try CLI.temporaryDirectory()
        let source = CLI.packageRoot.appendingPathComponent("Benchmarks/data/orlib/assign\(n).txt").path
        let made = try CLI.run(["generate", "--orlib-assign", source, "--out", dir.path])
        #expect(made.exitCode == 0, "\(made.stderr)")
        let out = dir.appendingPathComponent("out")
        let r = try CLI.run([
            "solve", "--landscape", dir.appendingPathComponent("landscape.yaml").path,
            "--cases", dir.appendingPathComponent("cases.csv").path, "--out", out.path, "--json",
        ])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(summary["status"] as? String == "optimal")
        #expect(summary["objective"] as? Double == Double(optimum))
        #expect(summary["placed"] as? Int == n)
    }

    @Test("a file that is not an assignment problem: exit 2 naming it and what was expected")
    func notAssignment() throws {
        let dir = try CLI.temporaryDirectory()
        let bad = dir.appendingPathComponent("assign.txt")
        try "3\n1 2 3\n4 5 6\n7 8\n".write(to: bad, atomically: true, encoding: .utf8)
        let r = try CLI.run(["generate", "--orlib-assign", bad.path, "--out", dir.appendingPathComponent("files").path])
        #expect(r.exitCode == 2)
        #expect(r.stderr.contains("assign.txt: expected 3 × 3 = 9 costs after n = 3; found 8"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("files/landscape.yaml").path))
    }
}
