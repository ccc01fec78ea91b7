import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A write that cannot or may not happen, in words naming the path.
public struct WriteFailure: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// What careplace may write over: only regular files it can replace, never an
/// input, a device, a FIFO, a socket, a folder or a symbolic link (a link is
/// refused rather than followed or replaced: either would surprise someone).
public enum OutputTarget {
    /// Why `path` may not be replaced, or nil when it is absent or a regular file.
    public static func refusal(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFLNK: kind = "a symbolic link"
        case S_IFDIR: kind = "a folder"
        case S_IFIFO: kind = "a FIFO (named pipe)"
        case S_IFCHR, S_IFBLK: kind = "a device"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a regular file"
        }
        return "\(path): is \(kind); careplace only replaces regular files, choose another name"
    }

    /// Problems with writing the single file `path`: what is there, its folder,
    /// the inputs it would overwrite.
    public static func problems(file path: String, protecting inputs: [String]) -> [String] {
        if let refusal = refusal(path) { return [refusal] }
        let folder = Paths.parent(path)
        var problems = folderProblems(folder.isEmpty ? "." : folder, option: nil)
        if isInput(path, inputs) {
            problems.append("\(path): is an input file; choose another name for the output")
        }
        return problems
    }

    /// The same for several files, and a file named for two of them.
    public static func problems(files paths: [String], protecting inputs: [String]) -> [String] {
        var seen: Set<String> = []
        var problems: [String] = []
        for path in paths {
            guard seen.insert(resolved(path)).inserted else {
                problems.append("\(path): named for two outputs; expected a different file for each")
                continue
            }
            problems += self.problems(file: path, protecting: inputs)
        }
        return problems
    }

    /// Problems with writing `names` into `folder` (`--out`): the folder is a
    /// file or cannot be made or written, a name is taken by something that is
    /// not a regular file, or is one of the inputs.
    public static func problems(_ names: [String], in folder: String, protecting inputs: [String]) -> [String] {
        var problems = folderProblems(folder, option: "--out")
        guard problems.isEmpty else { return problems }
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            if let refusal = refusal(path) {
                problems.append(refusal)
            } else if isInput(path, inputs) {
                problems.append("\(path): is an input file; choose another --out folder")
            }
        }
        return problems
    }

    static func isInput(_ path: String, _ inputs: [String]) -> Bool {
        let target = resolved(path)
        return inputs.contains { resolved($0) == target }
    }

    /// The path with every symbolic link in its existing part resolved.
    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The folder exists as a folder we can write, or can be made.
    static func folderProblems(_ folder: String, option: String?) -> [String] {
        let named = option.map { "\(folder) (\($0))" } ?? folder
        var existing = folder
        var info = stat()
        while stat(existing, &info) != 0 {
            let error = errno
            guard error == ENOENT || error == ENOTDIR, existing != ".", existing != "/" else {
                return ["\(named): cannot be used: \(String(cString: strerror(error)))"]
            }
            let parent = Paths.parent(existing)
            existing = parent.isEmpty ? "." : parent
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            return existing == folder
                ? ["\(named): is a file; expected a folder (or a name for a new one)"]
                : ["\(named): cannot be made: \(existing) is a file"]
        }
        guard access(existing, W_OK | X_OK) == 0 else {
            return existing == folder
                ? ["\(named): cannot be written (permissions)"]
                : ["\(named): cannot be made: \(existing) cannot be written (permissions)"]
        }
        return []
    }
}
