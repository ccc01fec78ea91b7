import Foundation
import SafeWrite
public import LinearProgramming

/// `careplace mps`: a model file read (and copied to other formats when
/// asked), solved by GLPK, and reported as text or JSON.
public struct ModelFileRun: Sendable {
    public let file: String
    public let format: ModelFileFormat
    public let parameters: SolveParameters
    public var writeMPS: String?
    public var writeLP: String?

    public init(file: String, format: ModelFileFormat, parameters: SolveParameters, writeMPS: String? = nil, writeLP: String? = nil) {
        self.file = file
        self.format = format
        self.parameters = parameters
        self.writeMPS = writeMPS
        self.writeLP = writeLP
    }

    public enum Failure: Error, Sendable {
        /// The file cannot be read as a model (SPEC: exit code 2).
        case badInput(String)
        /// Anything else: a copy cannot be written, the solver failed.
        case failure(String)
    }

    public struct Report: Encodable, Sendable {
        public var file: String
        public var status: String
        public var objective: Double?
        public var bound: Double?
        public var gap: Double?
        public var seconds: Double
        public var iterations: Int
        public var nodes: Int
        public var rows: Int
        public var columns: Int
        public var nonzeros: Int
        public var integers: Int
        public var solver: String
        public var log = ""

        enum CodingKeys: String, CodingKey {
            case file, status, objective, bound, gap, seconds, iterations, nodes, rows, columns, nonzeros, integers, solver
        }

        public enum Outcome: Sendable {
            /// Optimal, or feasible at a limit.
            case solution
            /// Infeasible or unbounded.
            case noSolution
            case failure
        }

        public var outcome: Outcome {
            switch status {
            case "optimal", "feasible": return .solution
            case "infeasible", "unbounded", "infeasible-or-unbounded": return .noSolution
            default: return .failure
            }
        }

        public var json: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            guard let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8) else {
                return "{\"status\":\"error\"}"
            }
            return text
        }

        public var text: String {
            func number(_ x: Double?) -> String {
                guard let x else { return "-" }
                // whole numbers without ".0"; others in full (shortest round-trip) precision
                return x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
            }
            let rowsOut: [(String, String)] = [
                ("model", "\(file) (\(rows) rows, \(columns) columns, \(nonzeros) nonzeros, \(integers) integer)"),
                ("status", status),
                ("objective", number(objective)),
                ("bound", number(bound)),
                ("gap", gap.map { String(format: "%.6g", $0) } ?? "-"),
                ("time", String(format: "%.3f s (%d iterations, %d nodes)", seconds, iterations, nodes)),
                ("solver", solver),
            ]
            return rowsOut.map { $0.0.padding(toLength: 10, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n")
        }
    }

    public func run() throws(Failure) -> Report {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw .badInput("\(file): no such file")
        }
        guard !isDirectory.boolValue else { throw .badInput("\(file): is a directory; expected a model file") }
        let outputProblems = OutputTarget.problems(files: [writeMPS, writeLP].compactMap { $0 }, protecting: [file])
        guard outputProblems.isEmpty else { throw .badInput(outputProblems.joined(separator: "\n")) }
        let model: LinearModel
        do {
            model = try ModelFiles.read(file, format: format)
        } catch let error as ModelFileError {
            throw .badInput(error.description)
        } catch {
            throw .failure("\(file): \(error)")
        }
        for (path, format) in [(writeMPS, ModelFileFormat.freeMPS), (writeLP, .cplexLP)] {
            guard let path else { continue }
            do {
                try ModelFiles.write(model, to: path, format: format)
            } catch {
                throw .failure("cannot write \(path): \(error)")
            }
        }
        let solver = GLPKSolver()
        let result: SolveResult
        do {
            result = try solver.solve(model, parameters: parameters)
        } catch let error as SolverError {
            if case .invalidModel = error { throw .badInput("\(file): \(error)") }
            throw .failure("\(file): \(error)")
        } catch {
            throw .failure("\(file): \(error)")
        }
        // an overflowing model is not "optimal, objective -inf"
        for (name, value) in [("objective", result.objective), ("bound", result.bestBound)] {
            if let value, !value.isFinite {
                throw .failure("\(file): the \(name) is \(value): the model's numbers overflow in double precision; expected a finite \(name)")
            }
        }
        return Report(
            file: file, status: result.statusName, objective: result.objective,
            bound: result.bestBound, gap: result.relativeGap, seconds: result.seconds,
            iterations: result.iterations, nodes: result.nodes, rows: model.constraintCount,
            columns: model.variableCount, nonzeros: model.nonzeroCount,
            integers: parameters.relaxIntegrality ? 0 : model.integerCount, solver: solver.name,
            log: result.log)
    }
}
