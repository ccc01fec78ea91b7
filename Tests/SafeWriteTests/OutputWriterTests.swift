import Foundation
import Testing

@testable import SafeWrite

#if canImport(Glibc)
import Glibc
#endif

@Suite("Output files: whole, never over a special file or an input, a folder's set as one")
struct OutputWriterTests {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "safewrite-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { (root as NSString).appendingPathComponent(name) }
    func read(_ name: String) -> String? { try? String(contentsOfFile: path(name), encoding: .utf8) }
    func kind(_ name: String) -> mode_t {
        var info = stat()
        return lstat(path(name), &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    /// The pid of a process that has ended.
    func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test("a FIFO, a symbolic link, a folder or a device as a target is refused and left as it was")
    func specialTargetsRefused() throws {
        #expect(mkfifo(path("pipe.csv"), 0o644) == 0)
        try "mine".write(toFile: path("elsewhere.txt"), atomically: true, encoding: .utf8)
        #expect(symlink(path("elsewhere.txt"), path("link.csv")) == 0)
        try FileManager.default.createDirectory(atPath: path("out/summary.json"), withIntermediateDirectories: true)
        for target in [path("pipe.csv"), path("link.csv"), "/dev/null"] {
            let error = #expect(throws: WriteFailure.self) {
                try OutputWriter.write(file: target, protecting: []) { try "new".write(toFile: $0, atomically: false, encoding: .utf8) }
            }
            #expect(error?.description.hasPrefix(target + ": is a") == true, "\(error?.description ?? "")")
        }
        let error = #expect(throws: WriteFailure.self) {
            try OutputWriter.write([("assignments.csv", "a"), ("summary.json", "b")], into: path("out"), protecting: [])
        }
        #expect(error?.description.contains("summary.json: is a folder") == true)
        #expect(kind("pipe.csv") == S_IFIFO)
        #expect(kind("link.csv") == S_IFLNK)
        #expect(read("elsewhere.txt") == "mine")
        #expect(!FileManager.default.fileExists(atPath: path("out/assignments.csv")), "nothing of the set written")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["elsewhere.txt", "link.csv", "out", "pipe.csv"])
    }

    @Test("an input is never overwritten, also through a link to its folder")
    func inputsProtected() throws {
        try FileManager.default.createDirectory(atPath: path("data"), withIntermediateDirectories: true)
        try "input".write(toFile: path("data/summary.json"), atomically: true, encoding: .utf8)
        #expect(symlink(path("data"), path("alias")) == 0)
        #expect(throws: WriteFailure.self) {
            try OutputWriter.write([("summary.json", "x"), ("a.csv", "y")], into: path("alias"), protecting: [path("data/summary.json")])
        }
        #expect(read("data/summary.json") == "input")
        #expect(!FileManager.default.fileExists(atPath: path("data/a.csv")))
    }

    @Test("a file where the output folder should be, or a folder that cannot be made, is said before anything is written")
    func folderProblems() throws {
        try "x".write(toFile: path("plain"), atomically: true, encoding: .utf8)
        #expect(OutputTarget.problems(["a.csv"], in: path("plain"), protecting: []) == ["\(path("plain")) (--out): is a file; expected a folder (or a name for a new one)"])
        #expect(OutputTarget.problems(["a.csv"], in: path("plain/sub"), protecting: []) == ["\(path("plain/sub")) (--out): cannot be made: \(path("plain")) is a file"])
        #expect(OutputTarget.problems(["a.csv"], in: path("new/deeper"), protecting: []).isEmpty)
    }

    @Test("rewriting a folder swaps in the new set and keeps the user's own files there")
    func rewriteKeepsOtherFiles() throws {
        let out = path("out")
        try OutputWriter.write([("a.csv", "old a"), ("b.json", "old b")], into: out, protecting: [])
        try "notes".write(toFile: path("out/notes.txt"), atomically: true, encoding: .utf8)
        try OutputWriter.write([("a.csv", "new a"), ("b.json", "new b")], into: out, protecting: [])
        #expect(read("out/a.csv") == "new a")
        #expect(read("out/b.json") == "new b")
        #expect(read("out/notes.txt") == "notes")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["out"], "no staging folder left beside it")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["a.csv", "b.json", "notes.txt"])
    }

    @Test("a folder holding a sub-folder is still written file by file, each whole")
    func subFolderFallsBack() throws {
        let out = path("out")
        try FileManager.default.createDirectory(atPath: path("out/runs"), withIntermediateDirectories: true)
        try OutputWriter.write([("a.csv", "1"), ("b.json", "2")], into: out, protecting: [])
        try OutputWriter.write([("a.csv", "3"), ("b.json", "4")], into: out, protecting: [])
        #expect(read("out/a.csv") == "3" && read("out/b.json") == "4")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["a.csv", "b.json", "runs"])
    }

    @Test("staging files of a dead run are removed by the next; a live run's are left alone")
    func staleStagingRemoved() throws {
        let dead = try deadPID()
        let live = getppid()
        try FileManager.default.createDirectory(atPath: path(".out.careplace-\(dead)"), withIntermediateDirectories: true)
        try "half".write(toFile: path(".out.careplace-\(dead)/a.csv"), atomically: true, encoding: .utf8)
        try "half".write(toFile: path(".a.csv.partial-\(dead)"), atomically: true, encoding: .utf8)
        try "busy".write(toFile: path(".b.csv.partial-\(live)"), atomically: true, encoding: .utf8)
        try "mine".write(toFile: path(".x.partial-notapid"), atomically: true, encoding: .utf8)
        try OutputWriter.write([("a.csv", "1"), ("b.json", "2")], into: path("out"), protecting: [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == [".b.csv.partial-\(live)", ".x.partial-notapid", "out"])
    }

    @Test("staging names are recognised exactly")
    func stagingNames() {
        #expect(Staging.owner(of: ".summary.json.partial-123") == 123)
        #expect(Staging.owner(of: ".out.careplace-77") == 77)
        #expect(Staging.owner(of: "summary.json.partial-123") == nil)
        #expect(Staging.owner(of: ".partial-123") == nil)
        #expect(Staging.owner(of: ".a.partial-12x") == nil)
        #expect(Staging.owner(of: ".a.partial-") == nil)
    }
}

@Suite("Paths")
struct PathsTests {
    @Test("the folder part of a path, also of a one-letter name (Foundation traps there)")
    func parent() {
        let cases: [(String, String)] = [
            ("g", ""), ("g/", ""), ("/g", "/"), ("a/b", "a"), ("a//b/", "a"), ("/", "/"), ("", ""), (".", ""), ("../x", ".."),
            ("/tmp/out/plan", "/tmp/out"),
        ]
        for (path, expected) in cases { #expect(Paths.parent(path) == expected, "\(path)") }
        #expect(Paths.folder(of: "g") == ".")
    }
}
