import Foundation

extension TraceManifest {
    /// The bytes of `manifest.json`: sorted keys, indented, trailing newline.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Reads `manifest.json` at `url`.
    public static func read(from url: URL) throws -> TraceManifest {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TraceError.io(file: url.relativePath, reason: "cannot read: \(error.localizedDescription)")
        }
        if let duplicate = JSONDuplicateKey.first(in: data) {
            throw TraceError.syntax(
                file: url.relativePath, line: duplicate.line, message: "duplicate key \(Terminal.quoted(duplicate.key))")
        }
        do {
            return try JSONDecoder().decode(TraceManifest.self, from: data)
        } catch {
            let problem = JSONProblem(error, data: data)
            throw TraceError.syntax(file: url.relativePath, line: problem.line ?? 1, message: "not a valid manifest: \(problem.message)")
        }
    }
}
