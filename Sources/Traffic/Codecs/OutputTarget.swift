import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decides whether an output directory (`--out`) may be replaced, so that the tool never
/// deletes what it did not write (issue 8, item 1).
///
/// A directory may be replaced when it is absent, empty, or a trace directory or results folder
/// this tool wrote: its `manifest.json` carries `harness_version`, and every entry in it is a
/// name the tool writes. Everything else is refused; `force` lifts the refusal for a file, a
/// symbolic link or a foreign directory, never for an empty path, an input, an ancestor of an
/// input or of the working directory.
public enum OutputTarget {
    /// Names a trace directory holds (DESIGN §2), and a trace partition (`generate --shard`,
    /// whose manifest is `part.json`).
    public static let traceEntries: Set<String> = [
        "requests.jsonl", "requests.csv", "accounts.jsonl", "accounts.csv", "truth.json", "manifest.json",
        "request_labels.csv", "part.json", "request_order.bin",
    ]
    /// Names a results folder holds (DESIGN §6); `scores/`, `sweep/` and `changes/` hold `.csv`
    /// files only (`changes/` also `.csv.gz`).
    public static let resultsEntries: Set<String> = [
        "manifest.json", "summary.json", "leaderboard.csv", "leaderboard.md", "report.html", "ranking.json", "ranking.md", "partial.json",
        "scores", "sweep", "changes",
    ]

    /// Checks `path` as the output of a command reading `inputs`.
    ///
    /// - Parameters:
    ///   - option: the option's name in messages, e.g. `--out`.
    ///   - inputs: the files and directories the command reads.
    ///   - force: replace a file, link or foreign directory all the same.
    /// - Returns: the URL to write to.
    /// - Throws: ``OutputError`` naming the path and the reason.
    public static func check(
        _ path: String, option: String = "--out", inputs: [String], force: Bool
    ) throws(OutputError) -> URL {
        guard !path.isEmpty else { throw .emptyPath(option: option) }
        let target = absolute(path)
        let resolved = resolve(target)
        for input in inputs where !input.isEmpty {
            let inputPath = resolve(absolute(input))
            if inputPath == resolved { throw .isInput(path: path, option: option) }
            if isAncestor(resolved, of: inputPath) { throw .containsInput(path: path, input: input, option: option) }
        }
        let cwd = resolve(FileManager.default.currentDirectoryPath)
        if resolved == cwd || isAncestor(resolved, of: cwd) {
            throw .containsWorkingDirectory(path: path, option: option)
        }
        // Every existing ancestor must be a directory.
        var parent = (target as NSString).deletingLastPathComponent
        while !parent.isEmpty, parent != "/" {
            var info = stat()
            if lstat(parent, &info) == 0 {
                if info.st_mode & S_IFMT == S_IFDIR { break }
                if info.st_mode & S_IFMT == S_IFLNK, isDirectory(parent) { break }
                throw .parentNotDirectory(path: path, parent: parent, option: option)
            }
            parent = (parent as NSString).deletingLastPathComponent
        }
        var info = stat()
        guard lstat(target, &info) == 0 else { return URL(filePath: target) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            if force { return URL(filePath: target) }
            if let foreign = try foreignEntry(in: target, path: path) {
                throw .foreignDirectory(path: path, entry: foreign, option: option)
            }
            return URL(filePath: target)
        case S_IFLNK:
            if force { return URL(filePath: target) }
            throw .notDirectory(path: path, what: "a symbolic link", option: option)
        default:
            if force { return URL(filePath: target) }
            throw .notDirectory(path: path, what: "a file", option: option)
        }
    }

    /// The first entry of the directory at `path` that shows the tool did not write it, or nil
    /// when it is empty or a trace or results folder of this tool.
    static func foreignEntry(in path: String, path shown: String) throws(OutputError) -> String? {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw .unreadable(path: shown, reason: FileAccess.lastError())
        }
        guard !entries.isEmpty else { return nil }
        let manifest = entries.contains("manifest.json") ? "manifest.json" : "part.json"
        guard entries.contains(manifest), hasToolManifest(path + "/" + manifest) else {
            return "no manifest.json written by distillbench"
        }
        for entry in entries {
            if traceEntries.contains(entry) {
                guard isRegularFile(path + "/" + entry) else { return entry }
                continue
            }
            guard resultsEntries.contains(entry) else { return entry }
            if entry == "scores" || entry == "sweep" || entry == "changes" {
                let inner = path + "/" + entry
                guard isDirectory(inner), !isLink(inner) else { return entry }
                let files: [String]
                do {
                    files = try FileManager.default.contentsOfDirectory(atPath: inner)
                } catch {
                    throw .unreadable(path: shown + "/" + entry, reason: FileAccess.lastError())
                }
                let suffixes = entry == "changes" ? [".csv", ".csv.gz"] : [".csv"]
                if let odd = files.sorted().first(where: { name in
                    !suffixes.contains(where: { name.hasSuffix($0) }) || !isRegularFile(inner + "/" + name)
                }) {
                    return entry + "/" + odd
                }
            } else if !isRegularFile(path + "/" + entry) {
                return entry
            }
        }
        return nil
    }

    /// Whether `path` is a JSON object with the `harness_version` key every manifest this tool
    /// writes carries (trace manifests and results manifests alike).
    static func hasToolManifest(_ path: String) -> Bool {
        guard isRegularFile(path), let data = FileManager.default.contents(atPath: path), data.count < 1 << 24 else {
            return false
        }
        do {
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            return object?["harness_version"] is String
        } catch {
            return false  // Not JSON: not a manifest this tool wrote, so the folder is not ours.
        }
    }

    // MARK: - Paths

    static func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(filePath: joined).standardizedFileURL.path(percentEncoded: false).trimmingSuffix("/")
    }

    /// `path` with symbolic links resolved as far as it exists.
    static func resolve(_ path: String) -> String {
        var existing = path
        var rest: [String] = []
        while !existing.isEmpty, existing != "/" {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                let head = String(cString: real)
                return ([head == "/" ? "" : head] + rest.reversed()).joined(separator: "/")
            }
            rest.append((existing as NSString).lastPathComponent)
            existing = (existing as NSString).deletingLastPathComponent
        }
        return "/" + rest.reversed().joined(separator: "/")
    }

    static func isAncestor(_ ancestor: String, of path: String) -> Bool {
        ancestor == "/" ? path != "/" : path.hasPrefix(ancestor + "/")
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }
}

/// Why an output path was refused.
public enum OutputError: Error, Sendable, Hashable, CustomStringConvertible {
    case emptyPath(option: String)
    case isInput(path: String, option: String)
    case containsInput(path: String, input: String, option: String)
    case containsWorkingDirectory(path: String, option: String)
    case parentNotDirectory(path: String, parent: String, option: String)
    case notDirectory(path: String, what: String, option: String)
    case foreignDirectory(path: String, entry: String, option: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .emptyPath(let option):
            "\(option): an empty path names no directory; give the results or trace directory to write"
        case .isInput(let path, let option):
            "\(option) \(Terminal.quoted(path)): is the input itself; choose another directory"
        case .containsInput(let path, let input, let option):
            "\(option) \(Terminal.quoted(path)): contains the input \(Terminal.quoted(input)); choose another directory"
        case .containsWorkingDirectory(let path, let option):
            "\(option) \(Terminal.quoted(path)): is the working directory or one of its ancestors; choose a directory inside it"
        case .parentNotDirectory(let path, let parent, let option):
            "\(option) \(Terminal.quoted(path)): \(Terminal.quoted(parent)) is a file, not a directory"
        case .notDirectory(let path, let what, let option):
            "\(option) \(Terminal.quoted(path)): is \(what), not a directory distillbench wrote; remove it or pass --force to replace it"
        case .foreignDirectory(let path, let entry, let option):
            "\(option) \(Terminal.quoted(path)): not empty and not written by distillbench (\(Terminal.escaped(entry))); "
                + "choose another directory or pass --force to replace it"
        case .unreadable(let path, let reason):
            "\(Terminal.quoted(path)): cannot list the directory: \(reason)"
        }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.count > 1, text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
