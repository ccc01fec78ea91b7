import CFileShims
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes output files so that none is ever half-written, nothing but a
/// regular file is ever replaced, no input is overwritten, and a set of files
/// in one folder changes as one: a reader (or a run killed midway) finds the
/// old set or the new set, never a mix.
///
/// The set is written into a staging folder beside the output folder, with
/// hard links to the other files already there, and the two folders are then
/// swapped in one step (`renameat2(RENAME_EXCHANGE)`). Where that cannot be
/// done (the folder holds sub-folders, is the working folder, sits on a file
/// system without hard links or exchange, or its parent cannot be written)
/// each file is still replaced whole, one after another.
public enum OutputWriter {
    /// Writes `files` into `folder` (made when absent; a link to a folder is
    /// followed), checking first what `OutputTarget.problems` checks.
    public static func write(_ files: [(name: String, contents: String)], into folder: String, protecting inputs: [String]) throws {
        try write(bytes: files.map { ($0.name, Array($0.contents.utf8)) }, into: folder, protecting: inputs)
    }

    /// The same for files given as bytes (a workbook).
    public static func write(bytes files: [(name: String, contents: [UInt8])], into folder: String, protecting inputs: [String]) throws {
        let problems = OutputTarget.problems(files.map(\.name), in: folder, protecting: inputs)
        guard problems.isEmpty else { throw WriteFailure(problems.joined(separator: "\n")) }
        let folder = OutputTarget.resolved(folder)
        let parent = Paths.parent(folder)
        let names = Set(files.map(\.name))
        Staging.removeStale(in: parent, names: names)
        if files.count > 1 {
            if !FileManager.default.fileExists(atPath: folder), try madeWhole(files, as: folder) { return }
            if FileManager.default.fileExists(atPath: folder), try swapped(files, into: folder) { return }
        }
        try makeFolder(folder)
        Staging.removeStale(in: folder, names: names)
        for file in files {
            try replace((folder as NSString).appendingPathComponent(file.name)) { try create($0, file.contents) }
        }
    }

    /// Writes the single file `path` through `produce`, which is handed a
    /// temporary path beside it to fill; the file then replaces `path` whole.
    public static func write(file path: String, protecting inputs: [String], by produce: (String) throws -> Void) throws {
        let problems = OutputTarget.problems(file: path, protecting: inputs)
        guard problems.isEmpty else { throw WriteFailure(problems.joined(separator: "\n")) }
        let folder = Paths.folder(of: path)
        try makeFolder(folder)
        Staging.removeStale(in: folder, names: [])
        try replace(path, by: produce)
    }

    static func replace(_ path: String, by produce: (String) throws -> Void) throws {
        let temporary = Staging.path(for: path, kind: .file)
        do {
            try produce(temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        if let refusal = OutputTarget.refusal(path) {
            unlink(temporary)
            throw WriteFailure(refusal)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteFailure("\(path): cannot write: \(reason)")
        }
    }

    /// A new folder: staged whole beside it, then renamed into place. False
    /// when it appeared meanwhile.
    static func madeWhole(_ files: [(name: String, contents: [UInt8])], as folder: String) throws -> Bool {
        try makeFolder(Paths.parent(folder))
        let staging = Staging.path(for: folder, kind: .folder)
        guard mkdir(staging, 0o777) == 0 else { return false }
        var placed = false
        defer { if !placed { try? FileManager.default.removeItem(atPath: staging) } }
        for file in files { try create((staging as NSString).appendingPathComponent(file.name), file.contents) }
        guard rename(staging, folder) == 0 else {
            if errno == EEXIST || errno == ENOTEMPTY { return false }
            throw WriteFailure("\(folder): cannot write: \(String(cString: strerror(errno)))")
        }
        placed = true
        return true
    }

    /// An existing folder: staged beside it with the new files and hard links
    /// to everything else in it, then swapped with it. False when that cannot
    /// be done (nothing changed then).
    static func swapped(_ files: [(name: String, contents: [UInt8])], into folder: String) throws -> Bool {
        let names = Set(files.map(\.name))
        guard !holdsWorkingFolder(folder), ownedByUs(folder), let others = otherFiles(in: folder, besides: names) else { return false }
        let staging = Staging.path(for: folder, kind: .folder)
        guard mkdir(staging, 0o777) == 0 else { return false }
        var swapped = false
        defer { if !swapped { try? FileManager.default.removeItem(atPath: staging) } }
        var info = stat()
        if stat(folder, &info) == 0 { chmod(staging, info.st_mode & 0o7777) }
        for file in files { try create((staging as NSString).appendingPathComponent(file.name), file.contents) }
        for other in others {
            let from = (folder as NSString).appendingPathComponent(other)
            guard link(from, (staging as NSString).appendingPathComponent(other)) == 0 else { return false }
        }
        guard cfs_exchange(staging, folder) == 0 else { return false }
        swapped = true
        retire(staging, replacedBy: folder, ours: names)
        return true
    }

    /// Empties and removes the old set's folder: our files go, links to files
    /// kept go, a file that appeared there meanwhile moves to the new folder.
    static func retire(_ old: String, replacedBy new: String, ours: Set<String>) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: old)) ?? []
        for entry in entries {
            let before = (old as NSString).appendingPathComponent(entry)
            let after = (new as NSString).appendingPathComponent(entry)
            var a = stat(), b = stat()
            let kept = lstat(after, &b) == 0
            if ours.contains(entry) || (kept && lstat(before, &a) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev) {
                unlink(before)
            } else if !kept {
                rename(before, after)
            }
        }
        rmdir(old)
    }

    /// The names of the other entries, nil when one is not a regular file
    /// (a sub-folder cannot be linked into the staging folder).
    static func otherFiles(in folder: String, besides names: Set<String>) -> [String]? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        var others: [String] = []
        for entry in entries.sorted() where !names.contains(entry) {
            var info = stat()
            let path = (folder as NSString).appendingPathComponent(entry)
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            others.append(entry)
        }
        return others
    }

    /// A folder someone else owns keeps its owner, group and ACLs: it is
    /// written file by file rather than swapped for one of ours.
    static func ownedByUs(_ folder: String) -> Bool {
        var info = stat()
        return stat(folder, &info) == 0 && info.st_uid == geteuid() && info.st_gid == getegid()
    }

    /// Swapping the working folder (or one above it) would leave this
    /// process, and a shell started there, in the old, removed folder.
    static func holdsWorkingFolder(_ folder: String) -> Bool {
        let working = OutputTarget.resolved(FileManager.default.currentDirectoryPath)
        return folder == "/" || working == folder || working.hasPrefix(folder + "/")
    }

    static func makeFolder(_ folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteFailure("\(folder): cannot create the output folder: \(error.localizedDescription)")
        }
    }

    /// A new file at `path` with `contents`, flushed to disk.
    static func create(_ path: String, _ bytes: [UInt8]) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw WriteFailure("\(path): cannot write: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                raw.baseAddress.map { systemWrite(descriptor, $0 + offset, raw.count - offset) } ?? -1
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw WriteFailure("\(path): cannot write: \(String(cString: strerror(errno)))") }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw WriteFailure("\(path): cannot write: \(String(cString: strerror(errno)))") }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
