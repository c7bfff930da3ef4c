extension ActivityShape {
    /// Relative activity of each local hour of the day, midnight first.
    ///
    /// Consumer: evening peak and a trough near 04:00, as conversation services show
    /// [BurstGPT, Azure23]. Business: office hours. Flat: machines, small swing.
    ///
    /// Nightly [Assumption: no published hour-of-day profile of batch LLM jobs]: scheduled work
    /// peaks where schedules put it — runs launched at the end of the working day (18–20 h) to
    /// finish by morning, and cron/CI schedules clustered around midnight–02 h (the customary
    /// slot of nightly builds) — with a trough after the night's jobs end (06–08 h) and ad-hoc
    /// launches during the day at about 0.8 of the mean. 19:00–06:00 holds 56 % of a weekday's
    /// activity (`.flat`: 41 %, `.business`: 7 %).
    var hourly: [Double] {
        switch self {
        case .consumer:
            [0.55, 0.4, 0.3, 0.24, 0.22, 0.27, 0.4, 0.6, 0.8, 0.95, 1.05, 1.1,
             1.1, 1.1, 1.1, 1.1, 1.12, 1.15, 1.22, 1.32, 1.4, 1.38, 1.2, 0.85]
        case .business:
            [0.08, 0.06, 0.05, 0.05, 0.05, 0.08, 0.2, 0.6, 1.4, 2.0, 2.1, 2.0,
             1.6, 1.9, 2.0, 1.9, 1.7, 1.3, 0.7, 0.4, 0.3, 0.22, 0.15, 0.1]
        case .flat:
            [0.85, 0.8, 0.78, 0.78, 0.8, 0.85, 0.9, 0.95, 1.05, 1.12, 1.15, 1.15,
             1.12, 1.12, 1.15, 1.15, 1.12, 1.1, 1.05, 1.02, 1.0, 0.95, 0.92, 0.88]
        case .nightly:
            [1.5, 1.6, 1.5, 1.2, 0.9, 0.7, 0.5, 0.45, 0.55, 0.75, 0.85, 0.85,
             0.75, 0.85, 0.9, 0.9, 0.95, 1.1, 1.35, 1.45, 1.35, 1.15, 1.1, 1.3]
        }
    }

    /// Relative activity on Saturday and Sunday (weekdays are 1) [BurstGPT: API use dips at
    /// weekends, conversation use does not]. Nightly: schedules keep running at weekends, ad-hoc
    /// launches stop [Assumption].
    var weekend: Double {
        switch self {
        case .consumer: 1.0
        case .business: 0.15
        case .flat: 0.85
        case .nightly: 0.75
        }
    }

    /// Activity of each hour of the week in local time, Monday 00:00 first, normalised to mean 1:
    /// an account's rate in that hour is its mean rate times this weight.
    public var weekly: [Double] {
        let hours = hourly
        let week = (0..<168).map { hour in hours[hour % 24] * (hour >= 120 ? weekend : 1) }
        let mean = week.reduce(0, +) / 168
        return week.map { $0 / mean }
    }
}
