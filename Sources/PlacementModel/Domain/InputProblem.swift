/// One problem found in an input file, said so that a coordinator can find
/// and fix it: the file, the line (when known), the field or key path, what
/// was found and what was expected.
public struct InputProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    /// A column name or a key path such as `facilities[2].services[0].capacity`.
    public var field: String?
    public var message: String

    public init(file: String, line: Int?, field: String?, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `cases.csv:12: age: found "twelve"; expected a whole number of years`
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let field, !field.isEmpty { text += "\(field): " }
        return text + message
    }
}

/// The inputs cannot be planned; every problem found is listed.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var problems: [InputProblem]
    public init(_ problems: [InputProblem]) { self.problems = problems }
    public var description: String {
        let head = "\(problems.count) problem\(problems.count == 1 ? "" : "s") in the input:"
        return ([head] + problems.map { "  " + $0.description }).joined(separator: "\n")
    }
}
