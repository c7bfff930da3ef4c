import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opening files with errors a user can act on (the system's reason, not a Cocoa domain code).
enum FileAccess {
    /// Opens `url` for reading.
    static func openForReading(_ url: URL) throws -> FileHandle {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw TraceError.io(file: url.relativePath, reason: "cannot open: \(lastError())")
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Creates `url` (or truncates it) and opens it for writing.
    static func create(_ url: URL) throws -> FileHandle {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw TraceError.io(file: url.relativePath, reason: "cannot create: \(lastError())")
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Renames `source` to `destination` in one step (replacing a file, or an empty directory).
    static func move(_ source: URL, to destination: URL) throws {
        guard rename(source.path, destination.path) == 0 else {
            throw TraceError.io(
                file: destination.relativePath,
                reason: "cannot rename \(source.lastPathComponent) into place: \(lastError())")
        }
    }

    /// Creates the directory at `url` and its missing parents (`mkdir -p`).
    ///
    /// - Throws: ``TraceError/io(file:reason:)`` naming the first directory that cannot be made.
    static func createDirectories(_ url: URL) throws {
        let path = url.standardizedFileURL.path(percentEncoded: false)
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            var info = stat()
            if stat(current, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFDIR else {
                    throw TraceError.io(file: current, reason: "is a file, not a directory")
                }
                continue
            }
            guard mkdir(current, 0o755) == 0 || errno == EEXIST else {
                throw TraceError.io(file: current, reason: "cannot create the directory: \(lastError())")
            }
        }
    }

    /// The message of the last failed system call.
    static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
