import Foundation
@testable import GLPK
import LinearProgramming
import Testing

@Suite("MPS and LP files")
struct ModelFilesTests {
    func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("careplace-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    @Test("a model written as MPS or LP reads back with its names and optimum", arguments: [ModelFileFormat.freeMPS, .fixedMPS, .cplexLP])
    func roundTrip(_ format: ModelFileFormat) throws {
        for model in [TestModels.wyndor, TestModels.knapsack, TestModels.rangedMinimisation] {
            let path = temporaryPath("\(model.name).\(format.rawValue)")
            try ModelFiles.write(model, to: path, format: format)
            let back = try ModelFiles.read(path, format: format)
            // CPLEX LP writes a range row with an extra slack column ("~r_2")
            let n = model.variableCount
            #expect(back.variableCount == n || (format == .cplexLP && back.variableCount > n))
            #expect(back.constraintCount == model.constraintCount)
            #expect(Array(back.columnNames.prefix(n)) == model.columnNames)
            #expect(back.rowNames == model.rowNames)
            #expect(Array(back.isInteger.prefix(n)) == model.isInteger)
            #expect(back.sense == model.sense)
            let a = try GLPKSolver().solve(model), b = try GLPKSolver().solve(back)
            #expect(close(b.objective, try #require(a.objective)))
        }
    }

    @Test("writing leaves no partial file behind and replaces the target whole")
    func atomicWrite() throws {
        let path = temporaryPath("model.mps")
        try ModelFiles.write(TestModels.wyndor, to: path, format: .freeMPS)
        try ModelFiles.write(TestModels.knapsack, to: path, format: .freeMPS)
        let dir = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["model.mps"])
        #expect(try ModelFiles.read(path, format: .freeMPS).variableCount == 4)
    }

    @Test("names a file cannot carry are rejected before writing")
    func badNames() throws {
        var m = TestModels.wyndor
        m.setName(Variable(index: 0), "has space")
        m.setName(Variable(index: 1), String(repeating: "n", count: 300))
        #expect(throws: SolverError.self) { try ModelFiles.write(m, to: temporaryPath("x.mps"), format: .freeMPS) }
    }

    @Test("a malformed MPS file gives one message naming the file and line")
    func malformed() throws {
        let path = temporaryPath("broken.mps")
        try "NAME broken\nROWS\n N obj\n L c1\nCOLUMNS\n x obj 1 c1 one\nRHS\nENDATA\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try ModelFiles.read(path, format: .freeMPS)
            Issue.record("expected an error")
        } catch let error as ModelFileError {
            #expect(error.description.contains("broken.mps"))
            #expect(error.description.contains(":6:"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("a missing file is an error naming it")
    func missing() {
        do {
            _ = try ModelFiles.read("/nonexistent/model.mps", format: .fixedMPS)
            Issue.record("expected an error")
        } catch let error as ModelFileError {
            #expect(error.description.contains("/nonexistent/model.mps"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("OBJSENSE sections of other tools are honoured, in either layout")
    func objectiveSense() throws {
        for header in ["OBJSENSE\n    MAX\n", "OBJSENSE MAXIMIZE\n"] {
            let path = temporaryPath("sense.mps")
            let text = "NAME sense\n" + header + "ROWS\n N obj\n L c1\nCOLUMNS\n x obj 1 c1 1\nRHS\n rhs c1 4\nENDATA\n"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let model = try ModelFiles.read(path, format: .freeMPS)
            #expect(model.sense == .maximize)
            #expect(close(try GLPKSolver().solve(model).objective, 4))
        }
    }

    @Test("gzip-compressed MPS is read like plain MPS")
    func gzip() throws {
        let m = try ModelFiles.read(TestModels.path("netlib/afiro.mps.gz"), format: .fixedMPS)
        #expect(m.variableCount == 32)
        #expect(m.constraintCount == 27)
        #expect(m.columnNames.allSatisfy { !$0.isEmpty })
    }
}
