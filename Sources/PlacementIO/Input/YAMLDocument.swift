package import PlacementModel
package import Yams

/// Strict reading of a YAML (or JSON) document with key paths and line
/// numbers: unknown keys are problems, duplicate keys are problems, and every
/// value is checked against what is expected.
package struct YAMLDocument {
    package let file: String
    package var log = ProblemLog()

    package init(file: String) { self.file = file }

    /// Parses `text`; a syntax error or duplicate key becomes a problem.
    package mutating func parse(_ text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text, .basic) else {
                log.add(file, 1, nil, "the file is empty; expected a YAML mapping")
                return nil
            }
            return node
        } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
            log.add(file, context.mark.line, nil, "duplicate key\(duplicates.count == 1 ? "" : "s") \(duplicates.map(shown).joined(separator: ", ")); each key may appear once")
        } catch let error as YamlError {
            log.add(file, Self.line(of: error), nil, "not valid YAML: \(Self.summary(of: error))")
        } catch {
            log.add(file, nil, nil, "not valid YAML: \(error)")
        }
        return nil
    }

    package static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    package static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        default:
            return String(describing: error)
        }
    }

    package func line(_ node: Node) -> Int? { node.mark?.line }

    package mutating func problem(_ node: Node?, _ path: String, _ message: String) {
        log.add(file, node.flatMap(line), path, message)
    }

    /// A mapping's entries by key, reporting keys not in `allowed` (any key
    /// when nil: names of care types, networks…) and missing `required` ones.
    /// Nil (with a problem) when `node` is not a mapping.
    package mutating func mapping(_ node: Node, _ path: String, allowed: Set<String>?, required: Set<String> = []) -> [String: Node]? {
        guard let mapping = node.mapping else {
            problem(node, path, "found \(describe(node)); expected a mapping of keys to values")
            return nil
        }
        var entries: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string, allowed != nil || !key.isEmpty else {
                problem(keyNode, path, "found a key that is not text; expected \(allowed.map { "one of " + $0.sorted().joined(separator: ", ") } ?? "names as keys")")
                continue
            }
            if let allowed, !allowed.contains(key) {
                let field = path.isEmpty ? key : "\(path).\(key)"
                problem(keyNode, field, "unknown key \(shown(key)); expected one of \(allowed.sorted().joined(separator: ", "))")
                continue
            }
            entries[key] = value
        }
        for key in required.sorted() where entries[key] == nil {
            problem(node, path.isEmpty ? key : "\(path).\(key)", "missing; this key is required")
        }
        return entries
    }

    /// The top-level mapping of a `kind` file ("landscape", "scenario"…).
    /// A file that is not one (not a mapping, or none of its keys is a key
    /// of that kind: some other file named by mistake) is said to be so in
    /// one problem, its contents not echoed back.
    package mutating func top(_ root: Node, kind: String, allowed: Set<String>, required: Set<String>) -> [String: Node]? {
        let expected = allowed.sorted().prefix(6).joined(separator: ", ")
        guard let mapping = root.mapping else {
            log.add(file, nil, nil, "is not a \(kind) file: found \(root.sequence != nil ? "a list" : "text"); expected a YAML mapping with keys such as \(expected)")
            return nil
        }
        let keys = mapping.keys.compactMap(\.string)
        if !keys.isEmpty, !keys.contains(where: allowed.contains) {
            log.add(file, nil, nil, "is not a \(kind) file: none of its \(keys.count) keys is a \(kind) key; expected keys such as \(expected)")
            return nil
        }
        return self.mapping(root, "", allowed: allowed, required: required)
    }

    package mutating func sequence(_ node: Node, _ path: String) -> [Node]? {
        guard let sequence = node.sequence else {
            problem(node, path, "found \(describe(node)); expected a list")
            return nil
        }
        return Array(sequence)
    }

    package mutating func scalar(_ node: Node, _ path: String, expected: String) -> String? {
        guard let scalar = node.scalar else {
            problem(node, path, "found \(describe(node)); expected \(expected)")
            return nil
        }
        return scalar.string
    }

    package mutating func string(_ node: Node, _ path: String) -> String? {
        guard let text = scalar(node, path, expected: "text") else { return nil }
        if text.isEmpty { problem(node, path, "is empty; expected text") ; return nil }
        return text
    }

    package mutating func double(_ node: Node, _ path: String, expected: String = "a number", _ valid: (Double) -> Bool = { $0.isFinite }) -> Double? {
        guard let text = scalar(node, path, expected: expected) else { return nil }
        guard let value = decimal(text), value.isFinite, valid(value) else {
            problem(node, path, "found \(shown(text)); expected \(expected)")
            return nil
        }
        return value
    }

    package mutating func int(_ node: Node, _ path: String, expected: String = "a whole number", _ valid: (Int) -> Bool = { _ in true }) -> Int? {
        guard let text = scalar(node, path, expected: expected) else { return nil }
        guard let value = Int(text), valid(value) else {
            problem(node, path, "found \(shown(text)); expected \(expected)")
            return nil
        }
        return value
    }

    package mutating func bool(_ node: Node, _ path: String) -> Bool? {
        guard let text = scalar(node, path, expected: "true or false") else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            problem(node, path, "found \(shown(text)); expected true or false")
            return nil
        }
    }

    package mutating func day(_ node: Node, _ path: String) -> Day? {
        guard let text = scalar(node, path, expected: Day.spreadsheetFormats) else { return nil }
        guard let day = Day(spreadsheet: text) else {
            problem(node, path, "found \(shown(text)); expected \(Day.spreadsheetFormats)")
            return nil
        }
        return day
    }

    /// A list of texts: `[a, b]` or a block list.
    package mutating func strings(_ node: Node, _ path: String) -> [String]? {
        guard let items = sequence(node, path) else { return nil }
        var result: [String] = []
        for (k, item) in items.enumerated() {
            if let s = string(item, "\(path)[\(k)]") { result.append(s) }
        }
        return result
    }

    package func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.string.isEmpty ? "an empty value" : shown(s.string)
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

extension YAMLDocument {
    /// A `weights` mapping read by the table of weights (``Weights/table``):
    /// the weights it sets, by key; every other key is a problem. Nil (with
    /// a problem) when `node` is not a mapping.
    package mutating func weights(_ node: Node, _ path: String) -> [String: Double]? {
        var values: [String: Double] = [:]
        let groups = Weights.groups
        guard let m = mapping(node, path, allowed: Set(groups.map(\.key))) else { return nil }
        for (key, entries) in groups {
            guard let n = m[key] else { continue }
            if entries.count == 1, entries[0].parts.member == nil {
                values[key] = double(n, "\(path).\(key)", expected: Limits.words(Limits.weight)) { Limits.weight.contains($0) }
                continue
            }
            let members = entries.compactMap(\.parts.member)
            guard let inner = mapping(n, "\(path).\(key)", allowed: Set(members)) else { continue }
            for member in members {
                if let v = inner[member], let x = double(v, "\(path).\(key).\(member)", expected: Limits.words(Limits.weight), { Limits.weight.contains($0) }) {
                    values["\(key).\(member)"] = x
                }
            }
        }
        return values
    }
}
