import Foundation
import PlacementModel
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Outputs end to end: refused targets before any planning, and a run killed
/// at any moment leaving the old set or the new set, never a mix.
@Suite("careplace outputs: refused targets, killed runs")
struct OutputSafetyTests {
    static let landscape = "Tests/careplaceTests/Fixtures/small/landscape.yaml"
    static let cases = "Tests/careplaceTests/Fixtures/small/cases.csv"

    @Test("an --out that is a file, or a summary.json that is a folder: exit 2 naming it, nothing written")
    func outProblemsFirst() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("plan")
        try "mine".write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["solve", "--landscape", Self.landscape, "--cases", Self.cases, "--out", file.path])
        #expect(r.exitCode == 2)
        #expect(r.stderr.contains("\(file.path) (--out): is a file; expected a folder"))
        #expect(r.stdout.isEmpty, "nothing planned")
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("summary.json"), withIntermediateDirectories: true)
        let s = try CLI.run(["solve", "--landscape", Self.landscape, "--cases", Self.cases, "--out", out.path])
        #expect(s.exitCode == 2)
        #expect(s.stderr.contains("summary.json: is a folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["summary.json"], "no assignments.csv beside nothing")
    }

    @Test("one-letter names for --out and --geojson (Foundation traps on them) are written")
    func oneLetterNames() throws {
        let dir = try CLI.temporaryDirectory()
        let l = CLI.packageRoot.appendingPathComponent(Self.landscape).path, c = CLI.packageRoot.appendingPathComponent(Self.cases).path
        let r = try CLI.run(["solve", "--landscape", l, "--cases", c, "--out", "g", "--geojson", "h", "--quiet"], in: dir)
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("g/summary.json").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("h").path))
    }

    @Test("a FIFO, a device or a link as --write-mps / --write-lp / export --mps: exit 2, left as it was")
    func specialFilesRefused() throws {
        let dir = try CLI.temporaryDirectory()
        let fifo = dir.appendingPathComponent("pipe.mps").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let link = dir.appendingPathComponent("link.lp").path
        #expect(symlink("/etc/hostname", link) == 0)
        let model = "Tests/GLPKTests/Models/netlib/afiro.mps.gz"
        for arguments in [
            ["mps", model, "--write-mps", fifo], ["mps", model, "--write-mps", "/dev/full"], ["mps", model, "--write-lp", link],
            ["export", "--landscape", Self.landscape, "--cases", Self.cases, "--mps", fifo],
            ["mps", model, "--write-mps", dir.appendingPathComponent("same").path, "--write-lp", dir.appendingPathComponent("./same").path],
        ] {
            let r = try CLI.run(arguments)
            #expect(r.exitCode == 2, "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains(": is a FIFO") || r.stderr.contains(": is a device") || r.stderr.contains(": is a symbolic link")
                || r.stderr.contains("named for two outputs"), "\(r.stderr)")
        }
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(lstat(link, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        #expect(lstat("/dev/full", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["link.lp", "pipe.mps"])
    }

    @Test("SIGKILL at random moments while 3,000 children are written: the old set or the new, never a mix; the next run clears what was left")
    func killedWrites() throws {
        let dir = try CLI.temporaryDirectory()
        func generate(_ seed: Int, into folder: String) throws -> Process {
            let process = Process()
            process.executableURL = try CLI.binary
            process.arguments = ["generate", "--cases", "3000", "--seed", String(seed), "--out", folder, "--force"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        func set(_ folder: String) -> [String?] {
            ["landscape.yaml", "cases.csv"].map { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
        }
        for (seed, name) in [(1, "old"), (2, "new")] {
            let p = try generate(seed, into: dir.appendingPathComponent(name).path)
            p.waitUntilExit()
        }
        let old = set(dir.appendingPathComponent("old").path), new = set(dir.appendingPathComponent("new").path)
        #expect(old != new && !old.contains(nil) && !new.contains(nil))
        let out = dir.appendingPathComponent("out").path
        let started = ContinuousClock.now
        let first = try generate(1, into: out)
        first.waitUntilExit()
        let full = (ContinuousClock.now - started).seconds
        var rng = SplitMix64(seed: 14)  // fixed: the kill moments are the same in every run
        var outcomes: Set<String> = []
        for round in 0..<40 {
            let process = try generate(round.isMultiple(of: 2) ? 2 : 1, into: out)
            if round < 20 {
                usleep(UInt32(Double(rng.next() % 1000) / 1000 * full * 1.1 * 1e6))
            } else {
                // just as the staging folder appears: the moment the set is put in place
                let staging = dir.appendingPathComponent(".out.careplace-\(process.processIdentifier)").path
                let deadline = ContinuousClock.now + .seconds(5)
                while !FileManager.default.fileExists(atPath: staging) && process.isRunning && ContinuousClock.now < deadline { usleep(100) }
                usleep(UInt32(rng.next() % 3000))
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let found = set(out)
            #expect(found == old || found == new, "round \(round): a mixed or partial set")
            outcomes.insert(found == old ? "old" : "new")
        }
        #expect(outcomes.count == 2, "kills landed both before and after the set was put in place")
        try generate(2, into: out).waitUntilExit()
        #expect(set(out) == new)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["new", "old", "out"], "no staging left behind")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["cases.csv", "landscape.yaml"])
    }
}

extension Duration {
    fileprivate var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
