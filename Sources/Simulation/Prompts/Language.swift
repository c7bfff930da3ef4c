/// A natural language prompts are written in, by ISO 639-1 code.
///
/// The case order is part of the pool layout: ``Topic/names`` lists one name per language in
/// this order. Append new languages at the end.
public enum Language: String, CaseIterable, Sendable, Hashable, Codable {
    /// English.
    case en
    /// Spanish.
    case es
    /// German.
    case de
    /// French.
    case fr
    /// Chinese (simplified).
    case zh
    /// Japanese.
    case ja
    /// Portuguese (Brazilian spelling).
    case pt

    /// The position of this language in ``allCases`` (and in every per-language table).
    @inlinable public var index: Int {
        switch self {
        case .en: 0
        case .es: 1
        case .de: 2
        case .fr: 3
        case .zh: 4
        case .ja: 5
        case .pt: 6
        }
    }

    /// The language at `index` in ``allCases``.
    @inlinable public init(index: Int) {
        switch index {
        case 0: self = .en
        case 1: self = .es
        case 2: self = .de
        case 3: self = .fr
        case 4: self = .zh
        case 5: self = .ja
        case 6: self = .pt
        default: preconditionFailure("language index \(index) out of range")
        }
    }

    /// True for languages written without spaces between sentences or words (zh, ja).
    public var isCJK: Bool { self == .zh || self == .ja }
}
