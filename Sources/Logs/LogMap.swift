import Traffic

/// How a gateway's own log maps onto the trace's request fields (DESIGN §2): per field, where
/// its value comes from and how it is converted. Loaded from YAML by ``LogMapLoader``.
public struct LogMap: Sendable {
    /// The file layout, when the map fixes it (otherwise the log's extension decides).
    public var format: TraceFormat?
    /// A free-text description.
    public var description: String
    /// The rule of each mapped request field; unmapped optional fields get their defaults.
    public var fields: [RequestField: FieldRule]
    /// The rules of the account table's fields, when the account table is mapped too.
    public var accountFields: [AccountField: FieldRule]?
    /// The account table's layout, when the map fixes it.
    public var accountFormat: TraceFormat?
    /// The file the map was read from, for messages.
    public var file: String

    public init(
        format: TraceFormat? = nil, description: String = "", fields: [RequestField: FieldRule],
        accountFields: [AccountField: FieldRule]? = nil, accountFormat: TraceFormat? = nil, file: String = "map"
    ) {
        self.format = format
        self.description = description
        self.fields = fields
        self.accountFields = accountFields
        self.accountFormat = accountFormat
        self.file = file
    }
}

/// Where one field's value comes from, and how it is converted.
public struct FieldRule: Sendable, Hashable {
    /// Where the raw value comes from.
    public enum Source: Sendable, Hashable {
        /// The first of these columns or JSON paths (`metadata.user_api_key`) that is present
        /// and not empty.
        case columns([SourcePath])
        /// A fixed text (`{file}` stands for the log's file name without extension).
        case constant(String)
        /// The record's line number.
        case line
        /// Nothing: the field's default applies.
        case none
    }

    /// How a timestamp is written.
    public enum TimestampFormat: String, Sendable, Hashable, CaseIterable {
        case epochSeconds = "epoch_s"
        case epochMilliseconds = "epoch_ms"
        case iso8601
    }

    public var source: Source
    /// The timestamp format, for `ts`, `created` and `minus`.
    public var timestamp: TimestampFormat?
    /// The zone of ISO 8601 values written without one, as seconds east of UTC (nil: such a
    /// value is an error).
    public var assumedZoneSeconds: Int?
    /// A second timestamp column subtracted from the first (e.g. `latency_ms` = end − start).
    public var minus: [SourcePath]
    /// Source text → target text, looked up before conversion.
    public var values: [String: String]
    /// The target text of a source value missing from ``values`` (nil: such a value is an error).
    public var otherwise: String?
    /// The text used when the source is missing (nil: the field's built-in default, or an
    /// error for a required field).
    public var defaultValue: String?
    /// When set, the value (or the line number) is hashed into this many buckets, named
    /// `prefix` + the bucket number.
    public var hashBuckets: Int?
    /// Text put before a string value (`{file}` as in constants).
    public var prefix: String
    /// A factor applied to a number before it is stored (e.g. 1000 for seconds → ms).
    public var scale: Double?

    public init(
        source: Source, timestamp: TimestampFormat? = nil, assumedZoneSeconds: Int? = nil, minus: [SourcePath] = [],
        values: [String: String] = [:], otherwise: String? = nil, defaultValue: String? = nil,
        hashBuckets: Int? = nil, prefix: String = "", scale: Double? = nil
    ) {
        self.source = source
        self.timestamp = timestamp
        self.assumedZoneSeconds = assumedZoneSeconds
        self.minus = minus
        self.values = values
        self.otherwise = otherwise
        self.defaultValue = defaultValue
        self.hashBuckets = hashBuckets
        self.prefix = prefix
        self.scale = scale
    }

    /// The columns or paths the rule reads.
    public var paths: [SourcePath] {
        if case .columns(let paths) = source { return paths + minus }
        return minus
    }
}

/// A source column, or a path into a JSON object held by a column (`metadata.user_api_key`).
public struct SourcePath: Sendable, Hashable, CustomStringConvertible {
    /// The top-level column, then the keys inside its JSON value.
    public var components: [String]

    /// The path spelled `text`: components separated by dots.
    public init(_ text: String) {
        components = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    public var column: String { components[0] }
    public var description: String { components.joined(separator: ".") }
}
