import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a whole directory (a trace, a results folder) so that nothing half-written is ever
/// left under its name: it is built in a hidden sibling (`.NAME.tmp-PID-N`) and renamed into
/// place only after every file is written, replacing a previous directory of that name.
///
/// On error the temporary directory is removed and an existing directory stays untouched.
/// Replacing takes two renames (old aside, new in); between them, for an instant, neither is
/// under the name.
public enum AtomicDirectory {
    /// Calls `body` with an empty temporary directory, then moves it to `url`.
    ///
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws, or ``TraceError/io(file:reason:)`` if the directory
    ///   cannot be created or moved.
    public static func write<Result>(to url: URL, _ body: (URL) throws -> Result) throws -> Result {
        let temporary = try makeTemporary(for: url)
        let key = Temporaries.register(temporary.path(percentEncoded: false))
        defer { Temporaries.forget(key) }
        do {
            let result = try body(temporary)
            try replace(url, with: temporary)
            return result
        } catch {
            removeLeftover(temporary)
            throw error
        }
    }

    /// The `async` form of ``write(to:_:)``, for a body that runs tasks.
    public static func write<Result>(
        to url: URL, _ body: (URL) async throws -> Result
    ) async throws -> Result {
        let temporary = try makeTemporary(for: url)
        let key = Temporaries.register(temporary.path(percentEncoded: false))
        defer { Temporaries.forget(key) }
        do {
            let result = try await body(temporary)
            try replace(url, with: temporary)
            return result
        } catch {
            removeLeftover(temporary)
            throw error
        }
    }

    // MARK: - Steps

    private static func makeTemporary(for url: URL) throws -> URL {
        Temporaries.removeStale(near: url)
        let temporary = AtomicFile.temporarySibling(of: url, kind: "tmp")
        let parent = temporary.deletingLastPathComponent()
        try FileAccess.createDirectories(parent)
        guard mkdir(temporary.path(percentEncoded: false), 0o755) == 0 else {
            throw TraceError.io(
                file: url.relativePath, reason: "cannot create a temporary directory beside it: \(FileAccess.lastError())")
        }
        return temporary
    }

    private static func replace(_ destination: URL, with source: URL) throws {
        guard FileManager.default.fileExists(atPath: destination.path) else {
            return try FileAccess.move(source, to: destination)
        }
        let old = AtomicFile.temporarySibling(of: destination, kind: "old")
        let key = Temporaries.register(old.path(percentEncoded: false))
        defer { Temporaries.forget(key) }
        try FileAccess.move(destination, to: old)
        do {
            try FileAccess.move(source, to: destination)
        } catch {
            do {
                try FileAccess.move(old, to: destination)
            } catch let restoring {
                throw TraceError.io(
                    file: destination.relativePath,
                    reason: "\(error); the previous content could not be put back and is kept as \(old.lastPathComponent): \(restoring)")
            }
            throw error
        }
        removeLeftover(old)
    }

    /// Removes a temporary after an error; one that cannot be removed is left for the next run
    /// (``Temporaries/removeStale(near:)``), the original error being the one worth reporting.
    static func removeLeftover(_ url: URL) {
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            return
        }
    }
}
