#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Path arithmetic on the paths users give. Foundation's
/// `NSString.deletingLastPathComponent` traps on a one-letter name such as
/// `g` (swift-corelibs-foundation with Swift 6.3 on Linux), so careplace
/// does its own.
public enum Paths {
    /// The folder part of `path`, as `deletingLastPathComponent` means it:
    /// "" for a bare name, "/" for a name at the root, trailing slashes
    /// ignored.
    public static func parent(_ path: String) -> String {
        var text = Substring(path)
        while text.count > 1, text.hasSuffix("/") { text.removeLast() }
        guard let slash = text.lastIndex(of: "/") else { return "" }
        var folder = text[..<slash]
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        return folder.isEmpty ? "/" : String(folder)
    }

    /// The folder part, "." for a bare name.
    public static func folder(of path: String) -> String {
        let folder = parent(path)
        return folder.isEmpty ? "." : folder
    }

    /// Whether `path` is a regular file itself (not a link to one).
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }
}
