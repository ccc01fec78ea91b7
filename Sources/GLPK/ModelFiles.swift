internal import CGLPKShims
public import LinearProgramming

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    public static func read(_ path: String, format: ModelFileFormat) throws -> LinearModel {
        var data = cpg_model_data()
        var message = [CChar](repeating: 0, count: 1024)
        let status = cpg_read_model(path, format.code, &data, &message, message.count)
        defer { cpg_model_data_release(&data) }
        guard status == 0 else {
            throw ModelFileError(path: path, message: readMessage(cString(message), path: path, format: format))
        }
        return makeModel(data)
    }

    /// Writes `model` with its names; the file appears whole or not at all
    /// (written beside the target, then renamed over it).
    public static func write(_ model: LinearModel, to path: String, format: ModelFileFormat) throws {
        let problems = model.validate(names: true)
        guard problems.isEmpty else { throw SolverError.invalidModel(problems) }
        let temporary = path + ".partial-\(getpid())"
        var message = [CChar](repeating: 0, count: 1024)
        let status = withCModel(model, names: true) { cModel in
            cpg_write_model(cModel, format.code, temporary, &message, message.count)
        }
        guard status == 0 else {
            unlink(temporary)
            throw ModelFileError(path: path, message: GLPKSolver.firstLine(cString(message)))
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ModelFileError(path: path, message: "cannot write the file: \(reason)")
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
