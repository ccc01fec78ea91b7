import Foundation
import SafeWrite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import PlacementModel

/// Reads and checks the input files of a plan (SPEC §1–2): every problem in
/// both files is collected and reported together, before anything is solved.
public enum InputReader {
    public static func read(landscape landscapePath: String, cases casesPath: String) throws(InputError) -> PlacementInput {
        try read(landscape: landscapePath, cases: casesPath, given: [:])
    }

    /// The same, with the contents of some paths given rather than on disk
    /// (the demo that travels inside the executable).
    public static func read(
        landscape landscapePath: String, cases casesPath: String, given: [String: [UInt8]]
    ) throws(InputError) -> PlacementInput {
        func bytes(_ path: String) -> Result<[UInt8], InputProblem> { given[path].map { .success($0) } ?? readBytes(path) }
        func text(_ path: String) -> Result<String, InputProblem> { given[path].map { decodeText($0, path: path) } ?? readText(path) }
        var problems: [InputProblem] = []
        var warnings: [InputProblem] = []

        var landscapeReader = LandscapeReader(file: landscapePath)
        var landscape: Landscape?
        switch text(landscapePath) {
        case .success(let text): landscape = landscapeReader.read(text)
        case .failure(let problem): problems.append(problem)
        }
        problems += landscapeReader.doc.log.problems
        // with a landscape that failed to read, the cases are checked all
        // but their references into it, so every problem is listed at once
        let readLandscape = problems.isEmpty ? landscape : nil

        var caseReader = CaseReader(file: casesPath, landscape: readLandscape)
        var cases: [Case] = []
        let lower = casesPath.lowercased()
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") {
            switch text(casesPath) {
            case .success(let text): cases = caseReader.readYAML(text)
            case .failure(let problem): problems.append(problem)
            }
        } else {
            switch bytes(casesPath) {
            case .success(let bytes):
                let (text, line) = Spreadsheet.utf8(bytes)
                if let line {
                    warnings.append(InputProblem(
                        file: casesPath, line: line, field: nil,
                        message: "not valid UTF-8 (first on this line); read as Windows-1252, as Excel saves plain CSV"))
                }
                cases = caseReader.readCSV(text)
            case .failure(let problem): problems.append(problem)
            }
        }
        problems += caseReader.log.problems
        warnings += caseReader.warnings.problems
        guard let landscape = readLandscape else { throw InputError(problems) }

        var result = landscape
        if let relative = landscapeReader.matrixPath {
            let path = resolve(relative, against: landscapePath)
            var matrix = MatrixReader(file: path, landscape: landscape, cases: cases)
            switch bytes(path) {
            case .success(let bytes): result.matrix = matrix.read(bytes)
            case .failure(let problem): problems.append(problem)
            }
            problems += matrix.log.problems
            warnings += matrix.warnings.problems
        }
        guard problems.isEmpty else { throw InputError(problems) }
        return PlacementInput(landscape: result, cases: cases, warnings: warnings, absentColumns: caseReader.absentColumns)
    }

    package static func resolve(_ path: String, against file: String) -> String {
        if path.hasPrefix("/") { return path }
        let dir = Paths.parent(file)
        return dir.isEmpty ? path : (dir as NSString).appendingPathComponent(path)
    }

    /// "no urgency column: every child counts as normal", per absent column.
    public static func absenceNotes(_ columns: [String]) -> [String] {
        columns.compactMap { column in CaseReader.absenceMeaning[column].map { "no \(column) column: \($0)" } }
    }

    /// The largest input read: a national instance is tens of megabytes; a
    /// device such as /dev/zero would otherwise be read until memory runs out.
    package static let maxInputBytes = 1 << 30

    /// The file's bytes; a FIFO or /dev/stdin is read to its end.
    static func readBytes(_ path: String) -> Result<[UInt8], InputProblem> {
        func failure(_ message: String) -> Result<[UInt8], InputProblem> {
            .failure(InputProblem(file: path, line: nil, field: nil, message: message))
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            return failure(errno == ENOENT ? "no such file" : "cannot be read: \(String(cString: strerror(errno)))")
        }
        if info.st_mode & S_IFMT == S_IFDIR { return failure("is a directory; expected a file") }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return failure("cannot be read: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        if info.st_mode & S_IFMT == S_IFREG, let whole = readRegular(descriptor, size: Int(info.st_size)) {
            return .success(whole)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(info.st_mode & S_IFMT == S_IFREG ? min(Int(info.st_size), maxInputBytes) : 1 << 16)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return failure("cannot be read: \(String(cString: strerror(errno)))") }
            if count == 0 { return .success(bytes) }
            guard bytes.count + count <= maxInputBytes else {
                return failure("is larger than \(maxInputBytes >> 20) MiB; expected a landscape, cases or matrix file")
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// A regular file of `size` bytes read straight into its array (a
    /// national distance matrix is hundreds of megabytes: no chunk copies);
    /// nil when it is larger than the cap, fails, or turns out to have
    /// changed size, and the caller reads it in chunks.
    private static func readRegular(_ descriptor: Int32, size: Int) -> [UInt8]? {
        guard size > 0 && size <= maxInputBytes else { return nil }
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = 0
            while initialized < size {
                let count = systemRead(descriptor, buffer.baseAddress.map { $0 + initialized }, size - initialized)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                initialized += count
            }
            var probe: UInt8 = 0
            complete = initialized == size && systemRead(descriptor, &probe, 1) == 0
        }
        if complete { return bytes }
        // it grew or shrank while read: the chunks start again from the top
        _ = lseek(descriptor, 0, SEEK_SET)
        return nil
    }

    /// A CSV file read and parsed (`,` or `;`), or its problem; `kind`
    /// says what the file should have been ("is not a careplace plan: …").
    static func readTable(_ path: String, kind: String? = nil) -> Result<CSVTable, InputProblem> {
        readBytes(path).flatMap { bytes in
            do throws(CSVError) {
                return .success(try CSVTable(parsing: bytes))
            } catch {
                return .failure(InputProblem(file: path, line: error.line, field: nil, message: kind.map { "\($0): \(error.message)" } ?? error.message))
            }
        }
    }

    package static func readText(_ path: String) -> Result<String, InputProblem> {
        readBytes(path).flatMap { decodeText($0, path: path) }
    }

    static func decodeText(_ bytes: [UInt8], path: String) -> Result<String, InputProblem> {
        var slice = bytes[...]
        if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        guard let text = String(validating: slice, as: UTF8.self) else {
            return .failure(InputProblem(
                file: path, line: firstInvalidUTF8Line(slice), field: nil,
                message: "invalid UTF-8; expected UTF-8 text (in Excel: save as \"CSV UTF-8\"; elsewhere: convert from Windows-1252)"))
        }
        return .success(text)
    }

    /// The line (from 1) of the first byte that is not valid UTF-8.
    static func firstInvalidUTF8Line(_ bytes: ArraySlice<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var line = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): if scalar.count == 1 && scalar.first == 0x0A { line += 1 }
            case .error: return line
            case .emptyInput: return nil
            }
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
