import Foundation

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
        do {
            let result = try body(temporary)
            try replace(url, with: temporary)
            return result
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// The `async` form of ``write(to:_:)``, for a body that runs tasks.
    public static func write<Result>(
        to url: URL, _ body: (URL) async throws -> Result
    ) async throws -> Result {
        let temporary = try makeTemporary(for: url)
        do {
            let result = try await body(temporary)
            try replace(url, with: temporary)
            return result
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    // MARK: - Steps

    private static func makeTemporary(for url: URL) throws -> URL {
        let temporary = AtomicFile.temporarySibling(of: url, kind: "tmp")
        do {
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        } catch {
            throw TraceError.io(
                file: url.relativePath, reason: "cannot create a temporary directory: \(error.localizedDescription)")
        }
        return temporary
    }

    private static func replace(_ destination: URL, with source: URL) throws {
        guard FileManager.default.fileExists(atPath: destination.path) else {
            return try FileAccess.move(source, to: destination)
        }
        let old = AtomicFile.temporarySibling(of: destination, kind: "old")
        try FileAccess.move(destination, to: old)
        do {
            try FileAccess.move(source, to: destination)
        } catch {
            try? FileAccess.move(old, to: destination)
            throw error
        }
        try? FileManager.default.removeItem(at: old)
    }
}
