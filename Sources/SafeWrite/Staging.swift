import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hidden names outputs are staged under, and the removal of those a
/// dead process left behind (killed, or out of disk space).
enum Staging {
    enum Kind: String {
        /// `.NAME.partial-PID` beside a file.
        case file = "partial"
        /// `.NAME.careplace-PID` beside a folder.
        case folder = "careplace"
    }

    static func path(for target: String, kind: Kind) -> String {
        let folder = Paths.parent(target)
        let name = ".\((target as NSString).lastPathComponent).\(kind.rawValue)-\(getpid())"
        return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }

    /// The process that made a staging entry, nil for any other name.
    static func owner(of entry: String) -> pid_t? {
        guard entry.hasPrefix("."), let dash = entry.lastIndex(of: "-") else { return nil }
        let stem = entry[..<dash]
        guard stem.hasSuffix(".partial") || stem.hasSuffix(".careplace"), stem.count > ".partial".count + 1 else { return nil }
        let digits = entry[entry.index(after: dash)...]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return pid_t(digits)
    }

    /// Removes the staging entries in `folder` whose process is gone and
    /// that belong to this user.
    ///
    /// An entry with this process's own id is stale too: this process has
    /// not made it yet (a killed run in a container is often pid 1 again). A
    /// staging folder is emptied only of what careplace puts there — the
    /// set's own names (`names`) and hard links to files kept elsewhere —
    /// and removed when that empties it; anything else stays where it is.
    static func removeStale(in folder: String, names: Set<String>) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries {
            guard let pid = owner(of: entry) else { continue }
            guard pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) else { continue }
            let path = (folder as NSString).appendingPathComponent(entry)
            var info = stat()
            guard lstat(path, &info) == 0, info.st_uid == geteuid() else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                emptyStagingFolder(path, names: names)
            } else {
                unlink(path)
            }
        }
    }

    static func emptyStagingFolder(_ path: String, names: Set<String>) {
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            let inside = (path as NSString).appendingPathComponent(entry)
            var info = stat()
            guard lstat(inside, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            if names.contains(entry) || info.st_nlink > 1 { unlink(inside) }
        }
        rmdir(path)
    }
}
