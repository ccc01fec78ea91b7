import Foundation
@testable import PlacementIO
import PlacementModel
import PlacementTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Inputs as an attacker or a clumsy user gives them (issue 14): each is
/// said plainly, with its line, never echoed back or misread.
@Suite("Hostile and mistaken input")
struct HostileInputTests {
    static let landscape = InputValidationTests.landscape
    static let cases = InputValidationTests.cases

    func problems(landscape: String = landscape, cases: String = cases) throws -> [String] {
        try InputValidationTests().problems(landscape: landscape, cases: cases)
    }

    @Test("hexadecimal, inf and nan are not numbers: 0x34 is not latitude 52")
    func plainDecimalsOnly() throws {
        for value in ["0x34", "0X34p0", "inf", "nan", "1_0"] {
            let found = try problems(cases: "id,lat,lon,region,age,needs\nC1,\(value),6.5,groningen,14,home\n")
            #expect(found.count == 1 && found[0].contains("cases.csv:2: lat: found \"\(value)\""), "\(value): \(found)")
        }
        let landscape = Self.landscape.replacingOccurrences(of: "lat: 53.2", with: "lat: 0x35")
        #expect(try problems(landscape: landscape).contains { $0.contains("lat: found \"0x35\"") })
        #expect(decimal("5.3e1") == 53 && decimal("-.5") == -0.5 && decimal("+7") == 7)
        #expect(decimal("e5") == nil && decimal(".") == nil && decimal("") == nil)
    }

    @Test("invalid UTF-8 in the landscape names its line and says how to save as UTF-8")
    func invalidUTF8Line() throws {
        let paths = try Fixture.files(["landscape.yaml": Self.landscape, "cases.csv": Self.cases])
        let path = try #require(paths["landscape.yaml"])
        var bytes = Array(Self.landscape.utf8)
        let at = try #require(Self.landscape.range(of: "Groningen, network")).lowerBound.utf16Offset(in: Self.landscape)
        bytes[at + 1] = 0xE9  // "Gr\u{E9}ningen" as Windows-1252
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: InputError.self) { try InputReader.read(landscape: path, cases: paths["cases.csv"] ?? "") }
        do {
            _ = try InputReader.read(landscape: path, cases: paths["cases.csv"] ?? "")
        } catch {
            #expect(error.problems.map(\.description) == [
                "\(path):8: invalid UTF-8; expected UTF-8 text (in Excel: save as \"CSV UTF-8\"; elsewhere: convert from Windows-1252)"
            ])
        }
    }

    @Test("a file that is not a landscape is said to be one, its lines not echoed back")
    func notALandscape() throws {
        let passwd = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
        let found = try problems(landscape: passwd)
        #expect(found.count == 1 && found[0].contains("is not a landscape file: found text"), "\(found)")
        #expect(!found[0].contains("root:x"))
        let other = try problems(landscape: "user: 1\nhome: /root\nshell: /bin/sh\n")
        #expect(other.count == 1 && other[0].contains("is not a landscape file: none of its 3 keys is a landscape key"), "\(other)")
    }

    @Test("a FIFO as the cases file is read to its end like a file")
    func fifoInput() throws {
        let paths = try Fixture.files(["landscape.yaml": Self.landscape])
        let fifo = NSTemporaryDirectory() + "cases-\(UUID().uuidString).csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(Data(Self.cases.utf8))
                try? handle.close()
            }
        }
        writer.start()
        let input = try InputReader.read(landscape: paths["landscape.yaml"] ?? "", cases: fifo)
        #expect(input.cases.map(\.id.rawValue) == ["C1"])
    }
}
