import Foundation
import GLPK
@testable import Placement
@testable import PlacementSimulation
import Testing

/// Shards run anywhere and merge into exactly the outputs of one run.
@Suite("Simulation shards")
struct ShardsTests {
    static func writeShard(_ s: Simulation, shard k: Int, of n: Int) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("careplace-shard-\(UUID().uuidString)")
        let folder = dir.appendingPathComponent("\(s.name)/replications")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let indices = Shards.indices(shard: k, of: n, total: s.replications)
        let results = try SimulationRunner.run(s, planner: Planner(solver: GLPKSolver()), jobs: 1, replications: indices)
        for (r, result) in zip(indices, results) {
            let file = Shards.file(SimulationInfo(s), replication: r, result)
            try file.contents.write(to: folder.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    @Test("three shards merged give summary.json and weekly.csv byte for byte as one run")
    func mergeIsExact() throws {
        let s = SimulationRunTests.small()
        let whole = try SimulationRunTests.run(s, jobs: 2)
        let dirs = try (1...3).map { try Self.writeShard(s, shard: $0, of: 3) }
        #expect(Shards.indices(shard: 2, of: 3, total: 5) == [1, 4])
        let merged = try Shards.merge(dirs.reversed())
        #expect(merged.count == 1)
        #expect(merged.first?.json == whole.json)
        #expect(merged.first?.weeklyCSV == whole.weeklyCSV)
    }

    @Test("a missing shard, or one run twice, is named")
    func incomplete() throws {
        let s = SimulationRunTests.small()
        let one = try Self.writeShard(s, shard: 1, of: 2)
        #expect { try Shards.merge([one]) } throws: { String(describing: $0).contains("replications 2, 4 missing") }
        #expect { try Shards.merge([one, one]) } throws: { String(describing: $0).contains("is also in") }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("careplace-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect { try Shards.merge([empty.path]) } throws: { String(describing: $0).contains("no replication files") }
    }

    @Test("shards of different files do not merge, wherever the files were")
    func otherFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("careplace-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var a = SimulationRunTests.small(), b = SimulationRunTests.small()
        a.file = dir.appendingPathComponent("a.yaml").path
        b.file = dir.appendingPathComponent("b.yaml").path
        try "weeks: 20".write(toFile: a.file, atomically: true, encoding: .utf8)
        try "weeks: 20 # edited".write(toFile: b.file, atomically: true, encoding: .utf8)
        let one = try Self.writeShard(a, shard: 1, of: 2), two = try Self.writeShard(b, shard: 2, of: 2)
        #expect { try Shards.merge([one, two]) } throws: { String(describing: $0).contains("the files' contents") }
        // the same contents under another path merge
        let c = dir.appendingPathComponent("moved").path
        try FileManager.default.createDirectory(atPath: c, withIntermediateDirectories: true)
        b.file = (c as NSString).appendingPathComponent("a.yaml")
        try "weeks: 20".write(toFile: b.file, atomically: true, encoding: .utf8)
        let moved = try Self.writeShard(b, shard: 2, of: 2)
        #expect(try Shards.merge([one, moved]).count == 1)
    }
}
