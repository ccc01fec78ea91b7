internal import CGLPKShims
public import LinearProgramming
import SafeWrite

import Foundation

/// Model file formats GLPK reads and writes. A name ending in `.gz` is read
/// gzip-compressed.
public enum ModelFileFormat: String, Sendable, CaseIterable {
    case fixedMPS = "mps"
    case freeMPS = "freemps"
    case cplexLP = "lp"

    var code: Int32 {
        switch self {
        case .fixedMPS: return Int32(CPG_FORMAT_MPS_FIXED.rawValue)
        case .freeMPS: return Int32(CPG_FORMAT_MPS_FREE.rawValue)
        case .cplexLP: return Int32(CPG_FORMAT_CPLEX_LP.rawValue)
        }
    }
}

/// A model file could not be read or written.
public struct ModelFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    /// One line: the file and what is wrong with it.
    public var description: String { message.contains(path) ? message : "\(path): \(message)" }
}

public enum ModelFiles {
    /// Reads an MPS (fixed or free) or CPLEX LP file into a model.
    ///
    /// GLPK's MPS reader knows no OBJSENSE section; careplace writes one for
    /// maximisation (as CPLEX, Gurobi and HiGHS read it), so an uncompressed
    /// MPS file with OBJSENSE is read with that section turned into comment
    /// lines (keeping GLPK's line numbers right) and the sense applied after.
    public static func read(_ path: String, format: ModelFileFormat) throws -> LinearModel {
        var readPath = path
        var sense: ObjectiveSense?
        defer { if readPath != path { unlink(readPath) } }
        if format != .cplexLP, !path.hasSuffix(".gz"),
           let text = try? String(contentsOfFile: path, encoding: .utf8),
           let (commented, found) = commentOutObjectiveSense(text) {
            let temporary = NSTemporaryDirectory() + "careplace-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).mps"
            guard FileManager.default.createFile(atPath: temporary, contents: Data(commented.utf8)) else {
                throw ModelFileError(path: path, message: "cannot prepare the file for reading")
            }
            readPath = temporary
            sense = found
        }
        var data = cpg_model_data()
        var message = [CChar](repeating: 0, count: 1024)
        let status = cpg_read_model(readPath, format.code, &data, &message, message.count)
        defer { cpg_model_data_release(&data) }
        guard status == 0 else {
            let text = cString(message).replacingOccurrences(of: readPath, with: path)
            throw ModelFileError(path: path, message: readMessage(text, path: path, format: format))
        }
        var model = makeModel(data)
        if let sense { model.sense = sense }
        return model
    }

    /// Finds an OBJSENSE section ("OBJSENSE" then "MAX"/"MAXIMIZE"/"MIN"/
    /// "MINIMIZE" on the next line, or "OBJSENSE MAX" on one line) and turns
    /// its lines into comments. Nil when there is none.
    static func commentOutObjectiveSense(_ text: String) -> (String, ObjectiveSense)? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func words(_ line: String) -> [String] {
            line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map { $0.uppercased() }
        }
        func sense(_ word: String) -> ObjectiveSense? {
            switch word {
            case "MAX", "MAXIMIZE", "MAXIMISE": return .maximize
            case "MIN", "MINIMIZE", "MINIMISE": return .minimize
            default: return nil
            }
        }
        for k in lines.indices {
            let w = words(lines[k])
            guard w.first == "OBJSENSE", !lines[k].hasPrefix(" "), !lines[k].hasPrefix("*") else { continue }
            if w.count >= 2, let found = sense(w[1]) {
                lines[k] = "* " + lines[k]
                return (lines.joined(separator: "\n"), found)
            }
            if k + 1 < lines.count, let next = words(lines[k + 1]).first, let found = sense(next) {
                lines[k] = "* " + lines[k]
                lines[k + 1] = "* " + lines[k + 1]
                return (lines.joined(separator: "\n"), found)
            }
        }
        return nil
    }

    /// Writes `model` with its names; the file appears whole or not at all
    /// (written beside the target, then renamed over it). A maximisation
    /// written as MPS carries an OBJSENSE MAX section; an objective constant
    /// written as CPLEX LP becomes a variable `objective_constant` fixed at 1.
    public static func write(_ model: LinearModel, to path: String, format: ModelFileFormat) throws {
        var model = model
        if format == .cplexLP && model.objectiveOffset != 0 {
            // GLPK's LP writer keeps the objective constant only in a comment
            // and readers differ on constants: carry it as a fixed variable.
            model.addVariable(name: "objective_constant", lower: 1, upper: 1, objective: model.objectiveOffset)
            model.objectiveOffset = 0
        }
        let problems = model.validate(names: true)
        guard problems.isEmpty else { throw SolverError.invalidModel(problems) }
        do {
            try OutputWriter.write(file: path, protecting: []) { temporary in
                try writeWithSense(model, to: temporary, format: format, naming: path)
            }
        } catch let failure as WriteFailure {
            throw ModelFileError(path: path, message: failure.description)
        }
    }

    /// GLPK's writer, then the OBJSENSE section GLPK's MPS writer leaves out.
    private static func writeWithSense(_ model: LinearModel, to temporary: String, format: ModelFileFormat, naming path: String) throws {
        var message = [CChar](repeating: 0, count: 1024)
        let status = withCModel(model, names: true) { cModel in
            cpg_write_model(cModel, format.code, temporary, &message, message.count)
        }
        guard status == 0 else {
            throw ModelFileError(path: path, message: GLPKSolver.firstLine(cString(message)).replacingOccurrences(of: temporary, with: path))
        }
        guard model.sense == .maximize && format != .cplexLP else { return }
        do {
            let text = try String(contentsOfFile: temporary, encoding: .utf8)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let at = (lines.firstIndex { $0.hasPrefix("NAME") } ?? -1) + 1
            lines.insert(contentsOf: ["OBJSENSE", "    MAX"], at: at)
            try lines.joined(separator: "\n").write(toFile: temporary, atomically: false, encoding: .utf8)
        } catch {
            throw ModelFileError(path: path, message: "cannot write the file: \(error.localizedDescription)")
        }
    }

    /// GLPK says e.g. "Reading problem data from 'x'...\nx:12: invalid bound type":
    /// keep the most specific line.
    private static func readMessage(_ log: String, path: String, format: ModelFileFormat) -> String {
        let lines = log.split(whereSeparator: \.isNewline).map(String.init).filter {
            !$0.allSatisfy(\.isWhitespace) && !$0.hasPrefix("Reading ")
        }
        if let specific = lines.last(where: { $0.contains(path) }) ?? lines.last {
            return specific.trimmingTrailingWhitespace()
        }
        return "not a valid \(format == .cplexLP ? "CPLEX LP" : "MPS") file"
    }

    private static func makeModel(_ d: cpg_model_data) -> LinearModel {
        let m = Int(d.rows), n = Int(d.cols), nnz = Int(d.nnz)
        var model = LinearModel(
            name: d.name.map { String(cString: $0) } ?? "",
            sense: d.maximize != 0 ? .maximize : .minimize,
            objectiveOffset: d.obj_offset)
        model.reserveCapacity(variables: n, constraints: m, nonzeros: nnz)
        func names(_ buffer: UnsafeMutablePointer<CChar>?, _ offsets: UnsafeMutablePointer<Int64>?, _ count: Int) -> [String] {
            guard let buffer, let offsets else { return Array(repeating: "", count: count) }
            return (0..<count).map { k in
                let a = Int(offsets[k]), b = Int(offsets[k + 1])
                let bytes = UnsafeRawBufferPointer(start: buffer + a, count: b - a)
                return String(decoding: bytes, as: UTF8.self)
            }
        }
        let rowNames = names(d.row_names, d.row_name_off, m)
        let colNames = names(d.col_names, d.col_name_off, n)
        for i in 0..<m {
            model.addConstraint(name: rowNames[i], lower: d.row_lb[i], upper: d.row_ub[i])
        }
        for j in 0..<n {
            model.addVariable(
                name: colNames[j], lower: d.col_lb[j], upper: d.col_ub[j],
                objective: d.obj[j], integer: d.col_int[j] != 0)
        }
        for k in 0..<nnz {
            model.setCoefficient(d.ar[k], row: Constraint(index: Int(d.ia[k])), variable: Variable(index: Int(d.ja[k])))
        }
        return model
    }
}

extension String {
    fileprivate func trimmingTrailingWhitespace() -> String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
