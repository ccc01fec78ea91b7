import Foundation
import Testing

/// `careplace mps` end to end: the binary, its output and its exit codes.
@Suite("careplace mps")
struct MPSCommandTests {
    @Test("solves the bundled LP and prints status, objective, bound and time")
    func bundledLP() throws {
        let r = try CLI.run(["mps", "Scenarios/models/afiro.mps"])
        #expect(r.exitCode == 0)
        #expect(r.stdout.contains("status    optimal"))
        #expect(r.stdout.contains("objective -464.753142857"))
        #expect(r.stdout.contains("bound"))
        #expect(r.stdout.contains("time"))
        #expect(r.stderr.isEmpty)
    }

    @Test("--json prints one JSON object and nothing else")
    func json() throws {
        let r = try CLI.run(["mps", "--free", "Scenarios/models/p0033.mps", "--json"])
        #expect(r.exitCode == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["status"] as? String == "optimal")
        #expect(object["objective"] as? Double == 3089)
        #expect(object["bound"] as? Double == 3089)
        #expect(object["seconds"] is Double)
    }

    @Test("a time limit on a hard MIP reports feasible or no-solution, never optimal")
    func timeLimit() throws {
        let model = CLI.packageRoot.appendingPathComponent("Tests/GLPKTests/Models/miplib3/pk1.mps.gz").path
        let r = try CLI.run(["mps", "--free", model, "--time-limit", "0.3", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let status = try #require(object["status"] as? String)
        #expect(["feasible", "no-solution"].contains(status))
        #expect(r.exitCode == (status == "feasible" ? 0 : 1))
    }

    @Test("a missing file: exit 2, one line naming the file")
    func missingFile() throws {
        let r = try CLI.run(["mps", "no/such/model.mps"])
        #expect(r.exitCode == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("no/such/model.mps"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test("a malformed file: exit 2, one line naming the file and the line")
    func malformed() throws {
        let dir = try CLI.temporaryDirectory()
        let path = dir.appendingPathComponent("broken.mps").path
        try "NAME broken\nROWS\n N obj\n L c1\nCOLUMNS\n x obj abc\nENDATA\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["mps", "--free", path, "--json"])
        #expect(r.exitCode == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("broken.mps:6"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test("an infeasible model: exit 3 and status infeasible")
    func infeasible() throws {
        let dir = try CLI.temporaryDirectory()
        let path = dir.appendingPathComponent("infeasible.mps").path
        try """
        NAME infeasible
        ROWS
         N obj
         G c1
        COLUMNS
         x obj 1 c1 1
        RHS
         rhs c1 5
        BOUNDS
         UP bnd x 1
        ENDATA

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["mps", "--free", path, "--json"])
        #expect(r.exitCode == 3)
        #expect(r.stdout.contains("\"status\":\"infeasible\""))
    }

    @Test("bad options are bad input: exit 2 with a message")
    func badOptions() throws {
        let r = try CLI.run(["mps", "Scenarios/models/afiro.mps", "--time-limit", "-1"])
        #expect(r.exitCode == 2)
        #expect(r.stderr.contains("--time-limit"))
        let both = try CLI.run(["mps", "Scenarios/models/afiro.mps", "--free", "--lp"])
        #expect(both.exitCode == 2)
    }

    @Test("--write-mps and --write-lp convert the model for other solvers")
    func convert() throws {
        let dir = try CLI.temporaryDirectory()
        let mps = dir.appendingPathComponent("out.mps").path, lp = dir.appendingPathComponent("out.lp").path
        let r = try CLI.run(["mps", "Scenarios/models/afiro.mps", "--write-mps", mps, "--write-lp", lp])
        #expect(r.exitCode == 0)
        for (path, flag) in [(mps, "--free"), (lp, "--lp")] {
            let back = try CLI.run(["mps", flag, path, "--json"])
            #expect(back.exitCode == 0)
            #expect(back.stdout.contains("\"objective\":-464.753142857"))
        }
    }

    @Test("a model whose numbers overflow is an error in words (exit 1), never \"optimal, objective -inf\"")
    func overflow() throws {
        let dir = try CLI.temporaryDirectory()
        let model = dir.appendingPathComponent("big.mps").path
        try "NAME BIG\nROWS\n N COST\n L R1\nCOLUMNS\n X COST -1e308 R1 1\n Y COST -1e308 R1 1\nRHS\n RHS R1 10\nBOUNDS\n UP BND X 10\n UP BND Y 10\nENDATA\n"
            .write(toFile: model, atomically: true, encoding: .utf8)
        let run = try CLI.run(["mps", "--free", model])
        #expect(run.exitCode == 1)
        #expect(!run.stdout.contains("optimal"))
        #expect(run.stderr.contains("the objective is -inf") && run.stderr.contains("overflow"))
    }
}
