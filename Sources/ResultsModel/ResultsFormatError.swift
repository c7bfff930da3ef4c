/// A results folder that cannot be read: the file and what is wrong, in one line.
public struct ResultsFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file at fault.
    public var file: String
    /// What is wrong (with the key path or line when known).
    public var problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "\(file): \(problem)" }
}
