import Foundation
@testable import PlacementIO
@testable import PlacementModel
import Testing

/// The distance matrix is read straight from the bytes of a plain file and
/// through the CSV table otherwise: both must give the same matrix and the
/// same problems, and the numbers exactly those of the text.
@Suite("Distance matrix reader")
struct MatrixReaderTests {
    static let cases = (1...8).map { "C\($0)" }
    static let places = (1...6).map { "P\($0)" }

    struct Outcome: Equatable {
        var matrix: DistanceMatrix
        var problems: [String]
        var warnings: [String]
    }

    func read(_ text: String) -> Outcome {
        var reader = MatrixReader(file: "travel-km.csv", caseIDs: Self.cases, placeIDs: Self.places)
        let matrix = reader.read(Array(text.utf8))
        return Outcome(matrix: matrix, problems: reader.log.problems.map(\.description), warnings: reader.warnings.problems.map(\.description))
    }

    /// A random matrix file with the quirks of real ones; `quoted` writes
    /// every `from` field in quotes (which sends it through the CSV table).
    static func file(seed: UInt64, quoted: Bool) -> String {
        var g = SplitMix64(seed: seed)
        let semicolon = g.chance(0.3), crlf = g.chance(0.3)
        let sep = semicolon ? ";" : ","
        var lines = [(g.chance(0.2) ? "\u{FEFF}" : "") + ["from", "to", "km"].joined(separator: sep)]
        for _ in 0..<g.int(0...60) {
            if g.chance(0.05) { lines.append(g.chance(0.5) ? "" : "  \t"); continue }
            let from = g.chance(0.08) ? "X\(g.int(1...3))" : cases[g.int(0...7)]
            let to = g.chance(0.08) ? "Q\(g.int(1...3))" : places[g.int(0...5)]
            var km = ["\(g.int(0...300))", "\(g.int(0...300)).\(g.int(0...99))", "\(g.int(0...9)).\(g.int(0...999_999))"][g.int(0...2)]
            if g.chance(0.06) { km = ["abc", "-1", "1e2", "", "0x10", "1.2.3", ".5", "7."][g.int(0...7)] }
            if semicolon { km = km.replacingOccurrences(of: ".", with: ",") }
            let pad = g.chance(0.1) ? " " : ""
            let first = quoted ? "\"\(from)\"" : from
            lines.append(g.chance(0.04) ? "\(first)\(sep)\(to)" : "\(pad)\(first)\(pad)\(sep)\(to)\(sep)\(pad)\(km)")
        }
        return lines.joined(separator: crlf ? "\r\n" : "\n") + (g.chance(0.5) ? "\n" : "")
    }

    @Test("a plain file read in place gives what the CSV table gives: the same matrix, problems and warnings")
    func inPlaceEqualsTable() {
        for seed in UInt64(1)...300 {
            let plain = Self.file(seed: seed, quoted: false), quoted = Self.file(seed: seed, quoted: true)
            #expect(Array(plain.utf8).withUnsafeBufferPointer { MatrixScan.isPlain($0) })
            #expect(!Array(quoted.utf8).withUnsafeBufferPointer { MatrixScan.isPlain($0) } || !quoted.contains("\n\""))
            #expect(read(plain) == read(quoted), "seed \(seed)")
        }
    }

    @Test("the first km of a pair counts; a different one later is an error naming both lines, in line order")
    func duplicates() {
        let out = read("from,to,km\nC1,P2,5\nC2,P1,abc\nC1,P1,3\nC1,P2,5\nC1,P2,6\n")
        #expect(out.matrix.distance(from: "C1", to: "P2") == 5)
        #expect(out.matrix.distance(from: "C1", to: "P1") == 3)
        #expect(out.problems == [
            "travel-km.csv:3: km: found \"abc\"; expected a distance in km >= 0",
            "travel-km.csv:6: km: found 6.0 for \"C1\" → \"P2\"; line 2 gave 5.0: expected one distance per pair",
        ])
    }

    @Test("rows in any order: each case's distances found, unknown ids warned five times and counted")
    func anyOrder() {
        let rows = (1...8).reversed().flatMap { c in [("C\(c)", "P\(c % 5 + 2)", Double(c)), ("C\(c)", "P1", 0.25)] }
        let text = "from,to,km\n" + rows.map { "\($0.0),\($0.1),\($0.2)" }.joined(separator: "\n") + "\nX,P1,1\nC1,Q,1\n" + String(repeating: "Z,Z,1\n", count: 5)
        let out = read(text)
        for c in 1...8 {
            #expect(out.matrix.distance(from: CaseID("C\(c)"), to: "P\(c % 5 + 2)") == Double(c))
            #expect(out.matrix.distance(from: CaseID("C\(c)"), to: "P1") == 0.25)
        }
        #expect(out.problems.isEmpty)
        #expect(out.warnings.count == 6 && out.warnings.last?.contains("2 more rows with unknown ids ignored") == true)
    }

    @Test("numbers read from bytes equal the text read as a Double, to the last bit")
    func exactNumbers() {
        var g = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let whole = String(g.next() % 1_000_000_000), fraction = String(g.next() % 1_000_000)
            let text = g.chance(0.3) ? whole : whole + "." + fraction
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { MatrixScan.decimal($0, 0..<bytes.count, comma: false) }
            if let fast { #expect(fast.bitPattern == Double(text)?.bitPattern, "\(text)") }
        }
    }

    @Test("a header without from, to and km is named as found")
    func header() {
        #expect(read("van;naar;km\nC1;P1;3\n").problems == [
            "travel-km.csv:1: found header \"van;naar;km\"; expected the columns from, to, km"
        ])
        #expect(read("").problems == ["travel-km.csv:1: empty file: expected a header row"])
    }
}
