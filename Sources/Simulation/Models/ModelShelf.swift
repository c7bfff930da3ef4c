/// The models on offer by family, each with its release time, and which one an account
/// sends at a given moment.
struct ModelShelf: Sendable {
    private struct Shelved: Sendable {
        var released: Double
        var code: UInt32
    }

    private var byFamily: [[Shelved]]

    /// Shelves `models`, with their names' symbol codes from `code(name)`.
    init(models: [ModelOffer], code: (String) -> UInt32) {
        byFamily = ModelFamily.allCases.map { family in
            models.filter { $0.family == family }
                .sorted { ($0.released, $0.name) < ($1.released, $1.name) }
                .map { Shelved(released: Double($0.released), code: code($0.name)) }
        }
    }

    /// The model an account of `family` sends at `time`: the newest of that family released
    /// at least `adoptionDelay` ms ago; else the oldest one released by then; else a model of
    /// another chat family (large, small, reasoning in that order); nil if nothing is out yet.
    func model(_ family: ModelFamily, at time: Double, adoptionDelay: Double) -> UInt32? {
        if let code = pick(family, time, adoptionDelay) { return code }
        guard family != .embedding else { return nil }
        for fallback in [ModelFamily.large, .small, .reasoning] where fallback != family {
            if let code = pick(fallback, time, adoptionDelay) { return code }
        }
        return nil
    }

    private func pick(_ family: ModelFamily, _ time: Double, _ delay: Double) -> UInt32? {
        let shelf = byFamily[family.index]
        guard let first = shelf.first, first.released <= time else { return nil }
        var chosen = first.code
        for model in shelf.dropFirst() where model.released + delay <= time { chosen = model.code }
        return chosen
    }
}

extension ModelFamily {
    /// Position in `allCases`.
    var index: Int {
        switch self {
        case .large: 0
        case .small: 1
        case .reasoning: 2
        case .embedding: 3
        }
    }
}
